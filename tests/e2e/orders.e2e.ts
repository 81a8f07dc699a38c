import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	createOrder,
	focusPage,
	itemNames,
	itemRow,
	itemsCard,
	orderTotal,
	toasts,
	useBrowser
} from './harness';

const browser = useBrowser();

/** The header's undo button, whose name says what it would undo. */
const undoButton = (page: Page) => page.getByRole('button', { name: /^Undo/ }).first();
const redoButton = (page: Page) => page.getByRole('button', { name: /^Redo/ }).first();

describe('an order', () => {
	it('is created, filled, totalled and submitted, and then takes no more changes', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Ada Lovelace');
		await expect.poll(() => page.locator('.subtitle .badge').textContent()).toBe('Draft');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Ada Lovelace');
		// Nothing to submit yet.
		expect(await page.getByRole('button', { name: 'Submit order' }).isDisabled()).toBe(true);

		await addItem(page, { name: 'Ceramic mug', sku: 'MUG-01', price: '12.50', quantity: 3 });
		await addItem(page, { name: 'Teapot', price: '24.00', quantity: 1 });
		expect(await itemNames(page)).toEqual(['Ceramic mug', 'Teapot']);
		expect(await itemRow(page, 'Ceramic mug').locator('td').nth(2).textContent()).toBe('€37.50');
		// 3 × €12.50 + €24.00
		await expect.poll(() => orderTotal(page).textContent()).toBe('€61.50');
		await expect.poll(() => itemsCard(page).locator('tfoot .total').textContent()).toBe('€61.50');

		// A stepper changes a quantity and the total follows.
		await page.getByRole('button', { name: 'One more Teapot' }).click();
		await expect.poll(() => orderTotal(page).textContent()).toBe('€85.50');
		await expect
			.poll(() => page.getByRole('textbox', { name: 'Quantity of Teapot' }).inputValue())
			.toBe('2');

		await page.getByRole('button', { name: 'Submit order' }).click();
		await expect.poll(() => page.locator('.subtitle .badge').textContent()).toBe('Submitted');
		await page.getByText('Its items can no longer change.').waitFor();

		// No control that would change its items is left: no add form, steppers, remove, submit.
		// (Cancelling stays: a new fact after the seal, which refunds a paid order.)
		const main = page.locator('main');
		for (const name of [
			/Add item/,
			/Submit order/,
			/^One (more|less)/,
			/^Remove/,
			/^(Add|Change)$/
		]) {
			expect(await main.getByRole('button', { name }).count(), String(name)).toBe(0);
		}
		expect(await itemsCard(page).locator('input, select, textarea').count()).toBe(0);
		expect(await orderTotal(page).textContent()).toBe('€85.50');

		// The list shows it submitted with its total.
		await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
		const row = page.locator('tbody tr', { hasText: 'Ada Lovelace' });
		await expect.poll(() => row.locator('.badge').textContent()).toBe('Submitted');
		expect(await row.locator('td').nth(3).textContent()).toBe('€85.50');
	});

	it('undoes and redoes with Ctrl+Z and Ctrl+Shift+Z, and the undo survives a reload', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Grace Hopper');
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 3 });
		await addItem(page, { name: 'Teapot', price: '24.00', quantity: 1 });
		await focusPage(page);

		await page.keyboard.press('Control+z');
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);
		await expect.poll(() => toasts(page).allTextContents()).toContain('Undone: Add 1 × Teapot');
		await expect.poll(() => orderTotal(page).textContent()).toBe('€37.50');

		await page.keyboard.press('Control+Shift+Z');
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug', 'Teapot']);
		// One message at a time: the redo's takes the undo's place (three stacked covered a phone).
		await expect.poll(() => toasts(page).allTextContents()).toEqual(['Redone: Add 1 × Teapot']);

		await page.keyboard.press('Control+z');
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);

		// Inside a text field Ctrl+Z is the field's own: the order does not change.
		const name = page.getByRole('form', { name: 'Add an item' }).locator('input[name=name]');
		await name.fill('Saucer');
		await name.press('Control+z');
		expect(await itemNames(page)).toEqual(['Ceramic mug']);
		await name.fill('');

		// A reload in the same tab keeps the undo stack (sessionStorage) and the undone state.
		await page.reload();
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);
		await expect
			.poll(() => undoButton(page).getAttribute('aria-label'))
			.toBe('Undo: Add 3 × Ceramic mug');
		await expect
			.poll(() => redoButton(page).getAttribute('aria-label'))
			.toBe('Redo: Add 1 × Teapot');
		await focusPage(page);
		await page.keyboard.press('Control+z');
		await page.getByText('No items yet.').waitFor();
		await expect
			.poll(() => toasts(page).allTextContents())
			.toContain('Undone: Add 3 × Ceramic mug');
		await expect.poll(() => orderTotal(page).textContent()).toBe('€0.00');

		await page.keyboard.press('Control+Shift+Z');
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);
		await expect
			.poll(() => toasts(page).allTextContents())
			.toContain('Redone: Add 3 × Ceramic mug');

		// Undo takes the tab's latest change wherever it was: another page names the record.
		await page.goto('/orders');
		await page.locator('tbody tr', { hasText: 'Grace Hopper' }).waitFor();
		await focusPage(page);
		await page.keyboard.press('Control+z');
		await expect
			.poll(() => toasts(page).allTextContents())
			.toContain('Undone on the order for Grace Hopper: Add 3 × Ceramic mug');
	});

	it('says an order whose creation was undone was undone, not that it was never there', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Hedy Lamarr');
		await focusPage(page);
		await page.keyboard.press('Control+z');
		await page.getByRole('heading', { name: 'This order was undone' }).waitFor();
		expect(await page.locator('main').textContent()).toContain('Redo at the top brings it back');
		await page.keyboard.press('Control+Shift+Z');
		await expect.poll(() => page.locator('h1').textContent()).toContain('Hedy Lamarr');
	});

	it('travels back in its history and restores an earlier version', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Katherine Johnson'); // v1
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 1 }); // v2
		await addItem(page, { name: 'Teapot', price: '24.00', quantity: 1 }); // v3
		await page.getByRole('button', { name: 'One more Ceramic mug' }).click(); // v4
		await expect.poll(() => orderTotal(page).textContent()).toBe('€49.00');

		await page.getByRole('tab', { name: /History/ }).click();
		const travel = page.getByRole('region', { name: 'Time travel' });
		await expect
			.poll(() => travel.locator('h2').textContent())
			.toContain('As it was at version 4 of 4');
		const preview = travel.locator('.preview');
		expect(await preview.locator('tbody .name').allTextContents()).toEqual([
			'Ceramic mug',
			'Teapot'
		]);

		// Two steps back with the keyboard on the slider: version 2, one mug and no teapot.
		const slider = travel.getByRole('slider', { name: 'Version' });
		await slider.focus();
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await expect
			.poll(() => travel.locator('h2').textContent())
			.toContain('As it was at version 2 of 4');
		await expect
			.poll(() => preview.locator('tbody .name').allTextContents())
			.toEqual(['Ceramic mug']);
		expect(await preview.locator('tbody td').nth(1).textContent()).toBe('1');
		expect(await preview.locator('tfoot .total').textContent()).toBe('€12.50');
		// Only the preview went back: the order itself is unchanged until "Restore to here".
		expect(await page.getByRole('tab', { name: /History/ }).textContent()).toContain('4');

		await travel.getByRole('button', { name: 'Restore to here' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => toasts(page).allTextContents()).toContain('Restored to version 2.');
		// The buttons went with the past; the keyboard is back on the slider, not on the page.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
			.toBe('range');
		await expect
			.poll(() => travel.locator('h2').textContent())
			.toContain('As it was at version 5 of 5');
		const changes = page.getByRole('region', { name: 'Changes' });
		await expect
			.poll(() => changes.locator('li').first().locator('.what').textContent())
			.toMatch(/^Restored to how it was on .+ \(version 2\)$/);
		expect(await changes.locator('li').count()).toBe(5);

		await page.getByRole('tab', { name: 'Order', exact: true }).click();
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);
		await expect.poll(() => orderTotal(page).textContent()).toBe('€12.50');
		expect(await page.getByRole('textbox', { name: 'Quantity of Ceramic mug' }).inputValue()).toBe(
			'1'
		);
	});

	it('removes one line for a double-click on Remove, though the next line moved under the pointer', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Double-click Dora');
		for (const name of ['Tea', 'Jam', 'Bread']) await addItem(page, { name, price: '2.00' });
		const remove = page.getByRole('button', { name: 'Remove Jam', exact: true });
		const box = (await remove.boundingBox())!;
		const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
		// The first click removes Jam; Bread's row moves up to where Jam's was.
		await page.mouse.click(x, y);
		await itemRow(page, 'Jam').waitFor({ state: 'detached' });
		expect(
			await page.getByRole('button', { name: 'Remove Bread', exact: true }).boundingBox()
		).toMatchObject({ y: box.y });
		// The same double-click's second click, on the line that is now under the pointer.
		await page.mouse.down({ clickCount: 2 });
		await page.mouse.up({ clickCount: 2 });
		await page.waitForTimeout(500);
		expect(await itemNames(page)).toEqual(['Tea', 'Bread']);
		await page.close();
	});

	it('can be created and filled with the keyboard alone', async () => {
		const page = await browser.newPage();
		await page.goto('/orders');
		await page.getByRole('button', { name: 'New order' }).waitFor();

		await tabTo(page, 'button', 'New order');
		await page.keyboard.press('Enter');
		// The form takes the focus itself.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
			.toBe('customerName');
		await page.keyboard.type('Alan Turing');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Alan Turing');

		await tabTo(page, 'input[name=name]');
		await page.keyboard.type('Notebook');
		await page.keyboard.press('Tab'); // SKU
		await page.keyboard.press('Tab'); // price
		await page.keyboard.type('4.20');
		await page.keyboard.press('Tab'); // quantity
		await page.keyboard.press('Control+a');
		await page.keyboard.type('5');
		await page.keyboard.press('Enter');
		await itemRow(page, 'Notebook').waitFor();
		await expect.poll(() => orderTotal(page).textContent()).toBe('£21.00');

		await tabTo(page, 'button', 'Submit order');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('.subtitle .badge').textContent()).toBe('Submitted');
	});

	it('gives every control on the order page an accessible name', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Hedy Lamarr');
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 2 });
		// Open every form the page has, so their controls are checked too.
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await page.getByRole('form', { name: 'Delivery address' }).waitFor();
		await page.getByRole('button', { name: 'Cancel order' }).click();
		await page.getByLabel(/Why is it cancelled/).waitFor();
		expect(await unnamedControls(page)).toEqual([]);

		await page.getByRole('tab', { name: /History/ }).click();
		await page.getByRole('slider', { name: 'Version' }).waitFor();
		expect(await unnamedControls(page)).toEqual([]);
	});
});

/** Presses Tab until the focused element matches `selector` (and has `text`); at most 40 times. */
async function tabTo(page: Page, selector: string, text?: string): Promise<void> {
	for (let presses = 0; presses < 40; presses++) {
		await page.keyboard.press('Tab');
		const found = await page.evaluate(
			([selector, text]) => {
				const element = document.activeElement;
				if (!element?.matches(selector)) return false;
				return text === undefined || element.textContent?.trim() === text;
			},
			[selector, text] as const
		);
		if (found) return;
	}
	throw new Error(`Tab never reached ${selector}${text ? ` "${text}"` : ''}`);
}

/**
 * Every button, field, select and slider whose accessible name, as Chromium computes it for
 * screen readers, is empty: described by role, tag and HTML.
 */
async function unnamedControls(page: Page): Promise<string[]> {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { nodes } = await cdp.send('Accessibility.getFullAXTree');
		const roles = new Set([
			'button',
			'textbox',
			'searchbox',
			'textbox',
			'combobox',
			'slider',
			'checkbox',
			'radio',
			'link',
			'tab',
			'menuitem'
		]);
		const unnamed = nodes.filter(
			(node) =>
				!node.ignored &&
				roles.has(String(node.role?.value ?? '')) &&
				!String(node.name?.value ?? '').trim()
		);
		const described: string[] = [];
		for (const node of unnamed) {
			const { outerHTML } = node.backendDOMNodeId
				? await cdp.send('DOM.getOuterHTML', { backendNodeId: node.backendDOMNodeId })
				: { outerHTML: '?' };
			described.push(`${String(node.role?.value)}: ${outerHTML.slice(0, 160)}`);
		}
		return described;
	} finally {
		await cdp.detach();
	}
}
