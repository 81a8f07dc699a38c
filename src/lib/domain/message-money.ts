import { formatMoney } from './money-format';

// Error messages are English, so their amounts are too; a fixed locale also makes the reason a
// command was refused read the same on every device that replays it.
export function moneyInMessage(cents: number, currency: string): string {
	return formatMoney(cents, currency, 'en');
}
