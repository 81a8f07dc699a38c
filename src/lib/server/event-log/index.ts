export { appendEvents, type AppendBatch, type AppendOutcome } from './append-events';
export { readEvents, type PullPage } from './read-events';
export { readHead } from './read-head';
export { HEAD_CHANNEL, decodeHeadChange, encodeHeadChange, type HeadChange } from './head-channel';
