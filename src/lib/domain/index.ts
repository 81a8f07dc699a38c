export { centsSchema, priceCentsSchema, currencySchema } from './money';
export { formatMoney, plainDecimal } from './money-format';
export { domainEventTypes } from './event-types';
export { domainAggregates, domainStreams } from './aggregates';
export { domainEventVersions } from './event-catalogue';
export { loadWriteModel } from './deferred-write-model';
export {
	MAX_CENTS,
	QUANTITY_MAX,
	NAME_MAX,
	NOTE_MAX,
	SKU_MAX,
	ADDRESS_LINE_MAX,
	CITY_MAX,
	POSTCODE_MAX,
	COUNTRY_MAX,
	EMAIL_MAX,
	PHONE_MAX,
	CUSTOMER_NOTES_MAX
} from './limits';

export { orderAggregate } from './orders/aggregate';
export {
	orderCommandSchema,
	type OrderCommand,
	type CreateOrder,
	type AddItem,
	type RemoveItem,
	type ChangeQuantity,
	type AdjustQuantity,
	type SetDeliveryAddress,
	type SubmitOrder,
	type CancelOrder
} from './orders/commands';
export { orderEventTypes, type OrderEvent, type DeliveryAddress } from './orders/events';
export type {
	OrderState,
	OrderFields,
	OrderLine,
	NoOrder,
	DraftOrder,
	SubmittedOrder,
	CancelledOrder
} from './orders/state';
export { orderTotalCents, itemCount, lineTotalCents } from './orders/totals';

export { accountAggregate } from './accounts/aggregate';
export {
	accountCommandSchema,
	type AccountCommand,
	type OpenAccount,
	type Deposit,
	type Withdraw,
	type CloseAccount
} from './accounts/commands';
export { accountEventTypes, type AccountEvent } from './accounts/events';
export type {
	AccountState,
	AccountFields,
	NoAccount,
	OpenedAccount,
	ClosedAccount
} from './accounts/state';

export { seriesAggregate } from './series/aggregate';
export {
	seriesCommandSchema,
	type SeriesCommand,
	type IssueNumber,
	type NameSeries
} from './series/commands';
export { seriesEventTypes, type SeriesEvent } from './series/events';
export type { SeriesState, ProvisionalSeries, NamedSeries } from './series/state';
export {
	seriesStreamOf,
	isSeriesStream,
	provisionalPrefix,
	numberCommandIdOf
} from './series/series-stream';
export {
	formatRecordNumber,
	recordNumberText,
	parseNumberQuery,
	type RecordNumber,
	type NumberQuery
} from './series/record-number';
export { NumberBook } from './series/number-book';
export { seriesNumbers, type SeriesNumbersRow } from './projections/series-numbers';
export { customerAggregate } from './customers/aggregate';
export {
	customerCommandSchema,
	type CustomerCommand,
	type RegisterCustomer,
	type ChangeCustomerDetails,
	type ArchiveCustomer,
	type ReactivateCustomer
} from './customers/commands';
export { customerEventTypes, type CustomerEvent, type CustomerDetails } from './customers/events';
export type {
	CustomerState,
	CustomerFields,
	NoCustomer,
	ActiveCustomer,
	ArchivedCustomer
} from './customers/state';
export type { LinkCustomer, CustomerLink } from './customers/customer-link';

export { orderList, type OrderListRow } from './projections/order-list';
export { accountList, openBalances, type AccountListRow } from './projections/account-list';
export { customerList, type CustomerListRow } from './projections/customer-list';
export { customerOrders, customerAccounts, UNLINKED } from './projections/customer-records';
export { describeEvent, lineNamesOf, type DescribeOptions } from './describe-event';
export { describeStream } from './describe-stream';
export { CHANGE_KINDS, changeKindOf, parseChangeKind, type ChangeKind } from './change-kinds';
export {
	parseMoneyInput,
	centsToInput,
	moneyPlaceholder,
	minorDigits,
	type MoneyInput
} from './money-input';
export { parseQuantityInput, type QuantityInput } from './quantity-input';
export { statementOf, STATEMENT_KIND_LABELS, type StatementLine } from './accounts/statement';
export { describeCommand, type RecordContext } from './describe-command';
export {
	describeRecord,
	recordInfo,
	recordInSentence,
	recordKindOf,
	recordPhrase,
	recordTitle,
	type RecordInfo,
	type RecordKind
} from './describe-record';
export { isEditableCommand } from './editable-commands';
export {
	statementForPeriod,
	statementInput,
	monthToDate,
	localDay,
	type StatementPeriod,
	type PeriodStatement,
	type PeriodStatementInput
} from './accounts/statement-period';
export type { ExportTable } from './exports/table';
export {
	orderRows,
	type ExportedOrder,
	type ExistingOrder,
	type OrderRowsPer
} from './exports/order-rows';
export { statementRows } from './exports/statement-rows';
export { personalTextRedactor } from './redact-personal-text';
export { reactionWords } from './reactions/reaction-words';
