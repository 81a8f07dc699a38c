import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addItem, createOrder, orderTotal, useBrowser } from './harness';

const browser = useBrowser();

/** The History tab's count: the number of events in the order's stream. */
async function eventCount(page: Page): Promise<number> {
	const text = await page.getByRole('tab', { name: /History/ }).textContent();
	return Number(text?.replace(/\D/g, ''));
}

describe("a line's quantity box", () => {
	it('refuses -3, 0, 2.5 and nothing beside the box, records nothing, and Escape puts the stored value back', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Pierogi stall');
		await addItem(page, { name: 'Pierogi box', price: '12.00', quantity: 2 });
		await expect.poll(() => orderTotal(page).textContent()).toBe('€24.00');
		const box = page.getByRole('textbox', { name: 'Quantity of Pierogi box' });
		const before = await eventCount(page);

		for (const [typed, message] of [
			['-3', 'The quantity must be at least 1.'],
			['0', 'The quantity must be at least 1.'],
			['2.5', 'Use a whole number, such as 3'],
			['1e3', 'Use a whole number, such as 3'],
			['', 'Enter a quantity.']
		] as const) {
			await box.fill(typed);
			await box.press('Tab');
			// The error sits beside the box and is tied to it for screen readers.
			await expect.poll(() => box.getAttribute('aria-invalid'), { message: typed }).toBe('true');
			const errorId = await box.getAttribute('aria-describedby');
			expect(errorId, typed).toBeTruthy();
			expect(await page.locator(`[id="${errorId}"]`).textContent(), typed).toBe(message);
			// The box keeps what was typed, with the error showing; nothing was recorded.
			expect(await box.inputValue(), typed).toBe(typed);
			expect(await orderTotal(page).textContent(), typed).toBe('€24.00');
			expect(await eventCount(page), typed).toBe(before);
		}

		await box.focus();
		await page.keyboard.press('Escape');
		await expect.poll(() => box.inputValue()).toBe('2');
		expect(await box.getAttribute('aria-invalid')).toBeNull();
		expect(await box.getAttribute('aria-describedby')).toBeNull();
		expect(await eventCount(page)).toBe(before);

		// A valid value saves once, and the error is gone.
		await box.fill('-3');
		await box.press('Tab');
		await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
		await box.fill('5');
		await box.press('Enter');
		await expect.poll(() => orderTotal(page).textContent()).toBe('€60.00');
		await expect.poll(() => eventCount(page)).toBe(before + 1);
		expect(await box.getAttribute('aria-invalid')).toBeNull();
		// Leaving the box after Enter does not save it again.
		await box.press('Tab');
		await page.waitForTimeout(300);
		expect(await eventCount(page)).toBe(before + 1);
		expect(await box.inputValue()).toBe('5');
	});

	it('shows a refusal of the rules beside the box, and keeps the stored quantity', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Bulk buyer');
		await addItem(page, { name: 'Sack of flour', price: '2000000000.00', quantity: 1 });
		const box = page.getByRole('textbox', { name: 'Quantity of Sack of flour' });
		const before = await eventCount(page);

		// 6 × €2,000,000,000 is past the most one order can hold.
		await box.fill('6');
		await box.press('Tab');
		await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
		const errorId = await box.getAttribute('aria-describedby');
		expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(
			/most one order can hold/
		);
		expect(await eventCount(page)).toBe(before);
		expect(await orderTotal(page).textContent()).toBe('€2,000,000,000.00');
	});
});
