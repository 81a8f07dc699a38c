import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { balance, createOrder, openAccount, orderTotal, useBrowser } from './harness';

const browser = useBrowser();

/**
 * A "monkey": a seeded random run of what hurried hands do (clicks, double-clicks, rapid
 * clicks on + and −, double Enter, amounts typed right after the last Deposit), compared at the
 * end with a model of what the person meant: every intended action once, none lost.
 * `MONKEY_SEED=<n>` replays a run.
 */
const SEED = Number(process.env.MONKEY_SEED ?? Date.now() % 2 ** 31);
const STEPS = Number(process.env.MONKEY_STEPS ?? 24);

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
function generator(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	return {
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
	};
}

interface OrderModel {
	/** Line name → quantity, in the order the lines were added. */
	lines: Map<string, { quantity: number; priceCents: number }>;
	events: number;
}

interface AccountModel {
	balanceCents: number;
	events: number;
}

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const money = (cents: number) => euros.format(cents / 100);

/** The History tab's count: the number of events in the record's stream. */
async function eventCount(page: Page): Promise<number> {
	const text = await page.getByRole('tab', { name: /History/ }).textContent();
	return Number(text?.replace(/\D/g, ''));
}

/** No refusal or error is showing: a repeated press is the same action, never a second one. */
async function noErrors(page: Page, log: string[]): Promise<void> {
	const errors = await page.locator('.form-error, .error').allTextContents();
	expect(errors, `after: ${log.join('; ')} (seed ${SEED})`).toEqual([]);
}

function totalOf(order: OrderModel): number {
	let total = 0;
	for (const { quantity, priceCents } of order.lines.values()) total += quantity * priceCents;
	return total;
}

describe('a monkey at the till', () => {
	it('ends with exactly the changes it meant, on an order and an account', async () => {
		console.info(`monkey seed ${SEED} (replay with MONKEY_SEED=${SEED})`);
		const random = generator(SEED);
		const page = await browser.newPage();
		const log: string[] = [];

		// The order.
		await createOrder(page, 'Monkey market');
		const orderPage = page.url();
		const order: OrderModel = { lines: new Map(), events: 1 };
		const addForm = page.getByRole('form', { name: 'Add an item' });
		let made = 0;

		async function fillItem(): Promise<string> {
			const name = `Item ${++made}`;
			const priceCents = random.int(1, 2000) * 5;
			const quantity = random.int(1, 4);
			await addForm.locator('input[name=name]').fill(name);
			await addForm.locator('input[name=price]').fill((priceCents / 100).toFixed(2));
			await addForm.locator('input[name=quantity]').fill(String(quantity));
			order.lines.set(name, { quantity, priceCents });
			order.events += 1;
			return name;
		}

		const stepper = (name: string, which: 'One more' | 'One less'): Locator =>
			page.getByRole('button', { name: `${which} ${name}`, exact: true });

		/** Waits until the page shows what the model holds, as a person waits to see it. */
		async function settled(name: string): Promise<void> {
			const box = page.getByRole('textbox', { name: `Quantity of ${name}`, exact: true });
			await expect.poll(() => box.inputValue()).toBe(String(order.lines.get(name)!.quantity));
		}

		const orderActions = {
			async addWithDoubleEnter() {
				const name = await fillItem();
				await addForm.locator('input[name=quantity]').focus();
				await page.keyboard.press('Enter');
				await page.keyboard.press('Enter');
				log.push(`double Enter adds ${name}`);
			},
			async addWithDoubleClick() {
				const name = await fillItem();
				await addForm.getByRole('button', { name: 'Add item' }).dblclick();
				log.push(`double-click adds ${name}`);
			},
			async rapidPlus() {
				const [name, line] = random.pick([...order.lines]);
				const clicks = random.int(1, 6);
				for (let click = 0; click < clicks; click++) await stepper(name, 'One more').click();
				line.quantity += clicks;
				order.events += clicks;
				log.push(`${clicks} × + on ${name}`);
			},
			async doubleClickPlus() {
				const [name, line] = random.pick([...order.lines]);
				// Two clicks are two intended "one more"s: each is its own action.
				await stepper(name, 'One more').dblclick();
				line.quantity += 2;
				order.events += 2;
				log.push(`double-click + on ${name}`);
			},
			async rapidMinus() {
				const [name, line] = random.pick([...order.lines]);
				const clicks = Math.min(random.int(1, 4), line.quantity - 1);
				for (let click = 0; click < clicks; click++) await stepper(name, 'One less').click();
				line.quantity -= clicks;
				order.events += clicks;
				log.push(`${clicks} × − on ${name}`);
			},
			async typeQuantity() {
				const [name, line] = random.pick([...order.lines]);
				await settled(name);
				const box = page.getByRole('textbox', { name: `Quantity of ${name}`, exact: true });
				const bad = random.pick(['-3', '0', '2.5', '']);
				await box.fill(bad);
				await box.press('Tab');
				await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
				const quantity = random.int(1, 9);
				await box.fill(String(quantity));
				await box.press(random.pick(['Tab', 'Enter']));
				// Saved: the error beside the box is gone.
				await expect.poll(() => box.getAttribute('aria-invalid')).toBeNull();
				if (quantity !== line.quantity) order.events += 1;
				line.quantity = quantity;
				log.push(`typed ${bad || 'nothing'} then ${quantity} for ${name}`);
			},
			async removeWithDoubleClick() {
				if (order.lines.size < 2) return;
				const [name] = random.pick([...order.lines].slice(1));
				await page.getByRole('button', { name: `Remove ${name}`, exact: true }).dblclick();
				order.lines.delete(name);
				order.events += 1;
				log.push(`double-click removes ${name}`);
			}
		};

		await orderActions.addWithDoubleEnter();
		for (let step = 0; step < STEPS; step++) {
			const action = random.pick(Object.keys(orderActions) as (keyof typeof orderActions)[]);
			await orderActions[action]();
			await noErrors(page, log);
		}

		await expect.poll(() => orderTotal(page).textContent()).toBe(money(totalOf(order)));
		await expect.poll(() => eventCount(page)).toBe(order.events);
		const shown = await page
			.getByRole('region', { name: 'Items' })
			.locator('tbody .name')
			.allTextContents();
		expect(shown, log.join('\n')).toEqual([...order.lines.keys()]);
		for (const name of order.lines.keys()) await settled(name);

		// The account.
		await openAccount(page, 'Monkey savings');
		const account: AccountModel = { balanceCents: 0, events: 1 };
		const form = page.getByRole('form', { name: 'Deposit or withdraw' });
		const amountBox = form.locator('input[name=amount]');

		async function choose(type: 'Deposit' | 'Withdraw') {
			await form.getByRole('radiogroup', { name: 'Kind of movement' }).getByText(type).click();
		}

		const accountActions = {
			async quickDeposits() {
				await choose('Deposit');
				const count = random.int(2, 5);
				for (let deposit = 0; deposit < count; deposit++) {
					const cents = random.int(1, 9999);
					// Typed key by key right after the last click, as a person types the next amount.
					await amountBox.pressSequentially((cents / 100).toFixed(2));
					await form.getByRole('button', { name: 'Deposit', exact: true }).click();
					account.balanceCents += cents;
					account.events += 1;
				}
				log.push(`${count} quick deposits`);
			},
			async doubleClickDeposit() {
				await choose('Deposit');
				const cents = random.int(1, 9999);
				await amountBox.fill((cents / 100).toFixed(2));
				await form.getByRole('button', { name: 'Deposit', exact: true }).dblclick();
				account.balanceCents += cents;
				account.events += 1;
				log.push(`double-click deposit ${cents}`);
			},
			async withdrawWithDoubleEnter() {
				// The balance it decides on includes every deposit sent before.
				if (account.balanceCents < 2) return;
				await choose('Withdraw');
				const cents = random.int(1, Math.floor(account.balanceCents / 2));
				await amountBox.fill((cents / 100).toFixed(2));
				await amountBox.focus();
				await page.keyboard.press('Enter');
				await page.keyboard.press('Enter');
				account.balanceCents -= cents;
				account.events += 1;
				log.push(`double Enter withdraws ${cents}`);
			}
		};

		await accountActions.quickDeposits();
		for (let step = 0; step < STEPS / 2; step++) {
			const action = random.pick(Object.keys(accountActions) as (keyof typeof accountActions)[]);
			await accountActions[action]();
			await noErrors(page, log);
		}

		await expect.poll(() => balance(page).textContent()).toBe(money(account.balanceCents));
		await expect.poll(() => eventCount(page)).toBe(account.events);
		await noErrors(page, log);

		// And the order, reloaded from IndexedDB, still says the same.
		await page.goto(orderPage);
		await expect.poll(() => orderTotal(page).textContent()).toBe(money(totalOf(order)));
		expect(await eventCount(page)).toBe(order.events);
	}, 240_000);
});
