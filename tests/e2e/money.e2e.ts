import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	PHONE,
	addItem,
	balance,
	createOrder,
	itemRow,
	moveMoney,
	openAccount,
	screenshot,
	useBrowser
} from './harness';

const browser = useBrowser();

/** Types `amount` into the deposit form and presses Deposit. */
async function tryDeposit(page: Page, amount: string): Promise<void> {
	const form = page.getByRole('form', { name: 'Deposit or withdraw' });
	await form.locator('input[name=amount]').fill(amount);
	await form.getByRole('button', { name: 'Deposit', exact: true }).click();
}

function amountError(page: Page) {
	return page.getByRole('form', { name: 'Deposit or withdraw' }).locator('small.error');
}

/** What shows that something was recorded: the balance, the statement and the history count. */
async function recorded(page: Page) {
	return {
		balance: await balance(page).textContent(),
		statement: await page
			.getByRole('region', { name: 'Statement' })
			.locator('tbody tr')
			.allTextContents(),
		history: await page.getByRole('tab', { name: /History/ }).textContent()
	};
}

/** The tick labels of the balance chart's axes. */
function chartLabels(page: Page): Promise<string[]> {
	return page.getByRole('img', { name: 'Balance over time' }).locator('text').allTextContents();
}

describe('money is read exactly', () => {
	it('refuses a USD amount with three decimals or a comma for decimals, and records nothing', async () => {
		const page = await browser.newPage();
		await openAccount(page, 'Grace Hopper', 'USD');
		const amount = page.locator('input[name=amount]');
		expect(await amount.getAttribute('placeholder')).toBe('0.00');
		const before = await recorded(page);

		await tryDeposit(page, '12.345');
		await expect
			.poll(() => amountError(page).textContent())
			.toBe('US dollars have two decimals: 12.35 (or 12,345 if you meant thousands).');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'money-usd-refused-390');
		await tryDeposit(page, '4,50');
		await expect
			.poll(() => amountError(page).textContent())
			.toBe('Write 4.50: here “.” marks decimals and “,” groups thousands.');
		expect(await amount.getAttribute('aria-invalid')).toBe('true');
		expect(await recorded(page)).toEqual(before);

		// Nothing reached IndexedDB either.
		await page.reload();
		await expect.poll(() => recorded(page)).toEqual(before);

		await moveMoney(page, 'Deposit', 'US$1,234.50', 'US$1,234.50');
	});

	it('takes yen without decimals and draws its chart in yen', async () => {
		const page = await browser.newPage();
		await openAccount(page, 'Hokusai', 'JPY');
		const amount = page.locator('input[name=amount]');
		expect(await amount.getAttribute('placeholder')).toBe('0');

		const before = await recorded(page);
		await tryDeposit(page, '12.5');
		await expect
			.poll(() => amountError(page).textContent())
			.toBe('Japanese yen have no decimals: 13');
		expect(await recorded(page)).toEqual(before);

		await moveMoney(page, 'Deposit', '5000', 'JP¥5,000');
		// The axis counts yen, not hundredths of them: ¥5,000 reaches JP¥5K, never JP¥50.
		// (Chromium's en-GB writes thousands as "k", Node's as "K".)
		await expect
			.poll(async () => (await chartLabels(page)).some((label) => /^JP¥5[kK]$/.test(label)))
			.toBe(true);
		const labels = await chartLabels(page);
		expect(labels).not.toContain('JP¥50');
		expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
		await screenshot(page, 'money-jpy-account-1280');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'money-jpy-account-390');
	});

	it('labels a chart over days and hours once each, on a phone and a laptop', async () => {
		const page = await browser.newPage({ viewport: PHONE });
		// Deposits a few hours apart over three days, on the browser's own (fake) clock.
		await page.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
		await openAccount(page, 'Ada Lovelace', 'EUR');
		let total = 0;
		for (const hours of [2, 7, 20, 26, 49]) {
			await page.clock.setSystemTime(new Date(Date.UTC(2026, 11, 1, 9 + hours)));
			total += 125;
			await moveMoney(page, 'Deposit', '125', `€${total}.00`);
		}
		const axis = async () => {
			const labels = await chartLabels(page);
			return {
				money: labels.filter((l) => l.startsWith('€')),
				time: labels.filter((l) => !l.startsWith('€'))
			};
		};
		for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
			await page.setViewportSize(viewport);
			await expect.poll(async () => (await axis()).money).toContain('€600');
			const { money, time } = await axis();
			expect(new Set(money).size, money.join(' | ')).toBe(money.length);
			expect(new Set(time).size, time.join(' | ')).toBe(time.length);
			expect(time.length).toBeGreaterThan(1);
			await screenshot(page, `money-chart-days-${viewport.width}`);
		}
	});

	it('reads a German amount the German way, and a yen price with no decimals', async () => {
		const page = await browser.newPage({ locale: 'de-DE', viewport: PHONE });
		await openAccount(page, 'Emmy Noether', 'EUR');
		expect(await page.locator('input[name=amount]').getAttribute('placeholder')).toBe('0,00');

		await tryDeposit(page, '12.50');
		await expect
			.poll(() => amountError(page).textContent())
			.toBe('Write 12,50: here “,” marks decimals and “.” groups thousands.');
		await moveMoney(page, 'Deposit', '1.234,50 €', '1.234,50\u00a0€');
		await screenshot(page, 'money-eur-account-de-390');

		await createOrder(page, 'Takumi', 'JPY');
		const price = page.getByRole('form', { name: 'Add an item' }).locator('input[name=price]');
		expect(await price.getAttribute('placeholder')).toBe('0');
		await addItem(page, { name: 'Matcha', price: '1.500', quantity: 2 });
		await expect
			.poll(() => page.getByRole('region', { name: 'Summary' }).locator('.total').textContent())
			.toBe('3.000\u00a0¥');
	});

	it('reads a typed quantity as the locale writes it, never as the browser guesses: German "1,5" is refused, "1.000" is a thousand', async () => {
		const page = await browser.newPage({ locale: 'de-DE' });
		await createOrder(page, 'Lise Meitner', 'EUR');
		const form = page.getByRole('form', { name: 'Add an item' });
		const quantityError = form.locator('.qty small.error');
		const history = () => page.getByRole('tab', { name: /History/ }).textContent();
		const before = await history();
		for (const typed of ['1,5', '3,0', '1e3']) {
			await form.locator('input[name=name]').fill('Pipette');
			await form.locator('input[name=price]').fill('2,00');
			await form.locator('input[name=quantity]').fill(typed);
			await form.getByRole('button', { name: 'Add item' }).click();
			await expect
				.poll(() => quantityError.textContent(), { message: typed })
				.toBe('Use a whole number, such as 3');
			expect(await history()).toBe(before);
		}
		await addItem(page, { name: 'Pipette', price: '2,00', quantity: '1.000' });
		const box = page.getByRole('textbox', { name: 'Quantity of Pipette' });
		expect(await box.inputValue()).toBe('1000');

		// A line's own box reads the same way: "2,5" is refused, nothing changes.
		await box.fill('2,5');
		await box.press('Enter');
		await expect
			.poll(() => itemRow(page, 'Pipette').locator('small.error').textContent())
			.toBe('Use a whole number, such as 3');
		await page.reload();
		await expect.poll(() => box.inputValue()).toBe('1000');
	});
});
