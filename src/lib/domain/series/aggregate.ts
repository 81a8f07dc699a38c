import { defineAggregate } from '../../aggregates/define-aggregate';
import { explainSeriesSeal } from '../seal-words';
import { deferredDecider, deferredParser, prepareWriteModel } from '../deferred-write-model';
import { eventNamesOf, seriesEventVersions } from '../event-catalogue';
import type { SeriesCommand } from './commands';
import type { SeriesEvent } from './events';
import { evolveSeries } from './evolve';
import { initialSeriesState, type SeriesState } from './state';

/** A device's numbers for the records it creates, one stream per device (`seriesStreamOf`). */
export const seriesAggregate = defineAggregate<SeriesState, SeriesCommand, SeriesEvent>({
	category: 'series',
	eventTypes: eventNamesOf(seriesEventVersions),
	commandSchema: deferredParser((model) => model.seriesCommandSchema),
	prepare: prepareWriteModel,
	initialState: initialSeriesState,
	evolve: evolveSeries,
	decide: deferredDecider((model) => model.decideSeries),
	// A number, once issued, is printed and said aloud: no rewind may free it for another record,
	// and a series keeps its name. Every event seals, so the series has no undo at all.
	sealedBy: ['NumberIssued', 'SeriesNamed'],
	explainSeal: explainSeriesSeal
});
