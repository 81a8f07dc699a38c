import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NAME_MAX } from '../../src/lib/domain/limits';
import { DESKTOP, PHONE, screenshot, useBrowser } from './harness';

const browser = useBrowser();

/** Adds a customer through /customers/new; resolves with their page's id. */
async function addCustomer(
	page: Page,
	details: { name: string; email?: string; phone?: string },
	click: (button: ReturnType<Page['getByRole']>) => Promise<void> = (button) => button.click()
): Promise<string> {
	await page.goto('/customers/new');
	const form = page.locator('main form');
	await form.locator('input[name=name]').fill(details.name);
	if (details.email) await form.locator('input[name=email]').fill(details.email);
	if (details.phone) await form.locator('input[name=phone]').fill(details.phone);
	await click(form.getByRole('button', { name: 'Add customer' }));
	await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
	await expect.poll(() => page.locator('h1').textContent()).toBe(details.name);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

function picker(page: Page) {
	return page.getByRole('combobox', { name: 'Customer' });
}

function offers(page: Page) {
	return page.getByRole('listbox').getByRole('option');
}

/** The names the customer list shows, top to bottom. */
async function directory(page: Page): Promise<string[]> {
	await page.goto('/customers');
	await page.getByRole('region', { name: 'Customer list' }).locator('tbody tr').first().waitFor();
	return page.locator('tbody tr .name').allTextContents();
}

describe('a customer', () => {
	it('is refused with a phone number that has no digits, the reason under the field', async () => {
		const page = await browser.newPage();
		await page.goto('/customers/new');
		const form = page.locator('main form');
		await form.locator('input[name=name]').fill('Grace Hopper');
		await form.locator('input[name=phone]').fill('abc');
		await form.getByRole('button', { name: 'Add customer' }).click();
		await form.getByText('Write a phone number in digits').waitFor();
		expect(await form.locator('input[name=phone]').getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).pathname).toBe('/customers/new');
	});

	it('gets an order chosen by keyboard and an account chosen by tap, both on their page', async () => {
		const page = await browser.newPage();
		// A double-click on Add is one customer.
		const adaId = await addCustomer(
			page,
			{ name: 'Ada Lovelace', email: 'ada@example.com', phone: '0113 496 0000' },
			(button) => button.dblclick()
		);
		await addCustomer(page, { name: 'Adam Smith' });

		// An order: typed, arrowed to, taken with Enter (which does not submit the form yet).
		await page.goto('/orders');
		await page.getByRole('button', { name: 'New order' }).click();
		const input = picker(page);
		await input.fill('ada');
		await expect
			.poll(() => offers(page).allTextContents())
			.toEqual([
				expect.stringContaining('Ada Lovelace'),
				expect.stringContaining('Adam Smith'),
				expect.stringContaining('New customer “ada”')
			]);
		expect(await input.getAttribute('aria-expanded')).toBe('true');
		await input.press('ArrowDown');
		const active = await input.getAttribute('aria-activedescendant');
		expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
		await input.press('Enter');
		expect(await input.inputValue()).toBe('Ada Lovelace');
		expect(await input.getAttribute('aria-expanded')).toBe('false');
		expect(page.url()).toMatch(/\/orders$/);
		// Escape closes the list first, and only then the form.
		await input.press('ArrowDown');
		expect(await input.getAttribute('aria-expanded')).toBe('true');
		await input.press('Escape');
		expect(await input.getAttribute('aria-expanded')).toBe('false');
		expect(await input.isVisible()).toBe(true);
		await page.getByRole('button', { name: 'Create order' }).dblclick();
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		const customerCard = page.getByRole('region', { name: 'Customer' });
		await expect
			.poll(() => customerCard.getByRole('link').getAttribute('href'))
			.toBe(`/customers/${adaId}`);

		// An account: the offer tapped.
		await page.goto('/accounts');
		await page.getByRole('button', { name: 'Open account' }).click();
		await picker(page).fill('lovel');
		await offers(page).filter({ hasText: 'Ada Lovelace' }).click();
		await page.getByRole('button', { name: 'Open account' }).click();
		await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
		await customerCard.getByRole('link', { name: 'Ada Lovelace' }).click();

		// Their page: both records, linked.
		await page.waitForURL(`**/customers/${adaId}`);
		const orders = page.getByRole('region', { name: 'Orders' });
		const accounts = page.getByRole('region', { name: 'Accounts' });
		await expect
			.poll(() => orders.getByRole('listitem').allTextContents())
			.toEqual([expect.stringMatching(/^Order [0-9A-Z]+-0001/)]);
		await expect
			.poll(() => accounts.getByRole('listitem').allTextContents())
			.toEqual([expect.stringContaining('Account of Ada Lovelace')]);
		await accounts.getByRole('listitem').getByRole('link').click();
		await page.waitForURL(/\/accounts\//);

		// Nothing was doubled by the double-clicks.
		expect(await directory(page)).toEqual(['Ada Lovelace', 'Adam Smith']);
		await page.goto('/orders');
		await page.locator('tbody tr').first().waitFor();
		expect(await page.locator('tbody tr').count()).toBe(1);
	});

	it('is added inline when the name is not in the directory', async () => {
		const page = await browser.newPage();
		await page.goto('/accounts');
		await page.getByRole('button', { name: 'Open account' }).click();
		const input = picker(page);
		await input.fill('Lee Chen');
		await expect
			.poll(() => offers(page).allTextContents())
			.toEqual([expect.stringContaining('New customer “Lee Chen”')]);
		await input.press('ArrowDown');
		await input.press('Enter');
		await page.getByRole('button', { name: 'Open account' }).dblclick();
		await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
		await expect
			.poll(() => page.getByRole('region', { name: 'Customer' }).getByRole('link').textContent())
			.toBe('Lee Chen');
		expect(await directory(page)).toEqual(['Lee Chen']);

		// From their page, a new order starts with them chosen.
		await page.locator('tbody tr .name').click();
		await page
			.getByRole('region', { name: 'Orders' })
			.getByRole('link', { name: 'New order' })
			.click();
		await expect.poll(() => picker(page).inputValue()).toBe('Lee Chen');
		await page.getByRole('button', { name: 'Create order' }).click();
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		await expect
			.poll(() => page.getByRole('region', { name: 'Customer' }).getByRole('link').textContent())
			.toBe('Lee Chen');
		expect(await directory(page)).toEqual(['Lee Chen']);
	});

	it('can be linked to an order made by name only, which says it is not linked', async () => {
		const page = await browser.newPage();
		await addCustomer(page, { name: 'Grace Hopper' });
		await page.goto('/orders');
		await page.getByRole('button', { name: 'New order' }).click();
		// Typed but not picked, and not quite the directory's name: the order names them by text.
		await picker(page).fill('G. Hopper');
		await page.getByRole('button', { name: 'Create order' }).click();
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		const card = page.getByRole('region', { name: 'Customer' });
		await expect.poll(() => card.textContent()).toContain('Not linked to a customer');

		await card.getByRole('button', { name: 'Link to a customer' }).click();
		const input = page.getByRole('combobox', { name: 'Link this order to' });
		await input.fill('grace');
		await offers(page).filter({ hasText: 'Grace Hopper' }).click();
		await card.getByRole('button', { name: 'Link' }).dblclick();
		await expect.poll(() => card.getByRole('link').textContent()).toBe('Grace Hopper');
		// The order keeps the name it was made with; the history says what happened.
		await page.getByRole('tab', { name: /History/ }).click();
		await expect.poll(() => page.getByText('Linked to the customer Grace Hopper').count()).toBe(1);
	});
});

describe('the customer pages', () => {
	it('fit a phone and a laptop, with the longest name and the picker open', async () => {
		const page = await browser.newPage({ viewport: PHONE });
		const longest = `Wiśniewska${'x'.repeat(NAME_MAX - 'Wiśniewska'.length)}`;
		const customerId = await addCustomer(page, {
			name: longest,
			email: `${'a'.repeat(60)}@example.com`,
			phone: '+48 22 123 45 67'
		});
		await addCustomer(page, { name: 'Wiesław Nowak', phone: '+48 600 100 200' });
		await page.goto('/orders');
		await page.getByRole('button', { name: 'New order' }).click();
		await picker(page).fill('wi');
		await offers(page).filter({ hasText: 'Wiśniewska' }).click();
		await page.getByRole('button', { name: 'Create order' }).click();
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		const orderPath = new URL(page.url()).pathname;

		const problems: string[] = [];
		for (const viewport of [PHONE, DESKTOP]) {
			await page.setViewportSize(viewport);
			const shots = [
				{ name: 'customers', open: () => page.goto('/customers') },
				{ name: 'customer', open: () => page.goto(`/customers/${customerId}`) },
				{ name: 'new-customer', open: () => page.goto('/customers/new') },
				{ name: 'order', open: () => page.goto(orderPath) },
				{
					name: 'order-picker',
					open: async () => {
						await page.goto('/orders');
						await page.getByRole('button', { name: 'New order' }).click();
						await picker(page).fill('w');
						await offers(page).nth(2).waitFor();
					}
				}
			];
			for (const { name, open } of shots) {
				await open();
				await page.locator('h1').first().waitFor();
				await page.waitForTimeout(300);
				await screenshot(page, `customers-${name}-${viewport.width}`);
				const { scrollWidth, innerWidth } = await page.evaluate(() => ({
					scrollWidth: document.documentElement.scrollWidth,
					innerWidth: window.innerWidth
				}));
				if (scrollWidth > innerWidth) problems.push(`${name}: ${scrollWidth} > ${innerWidth}`);
			}
		}
		expect(problems).toEqual([]);
	});
});
