import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors';
import {
	domainRegistry,
	domainStringFields,
	jsonSchemaOf,
	lengthBound,
	sampleFor,
	stretched,
	stringPaths,
	valueAt,
	withValue
} from './fixtures/string-fields';
import { optionalTextInput, text } from './fields';

const fields = domainStringFields.map(
	(field) => [`${field.type}.${field.path.join('.')}`, field] as const
);

function refusal(type: string, data: unknown): ValidationError {
	try {
		domainRegistry.validate(type, data);
	} catch (error) {
		if (error instanceof ValidationError) return error;
		throw error;
	}
	throw new Error(`${type} accepted ${JSON.stringify(data).slice(0, 200)}`);
}

describe('every string field of every event type', () => {
	it('is found: the list covers the system event and nested objects', () => {
		const names = fields.map(([name]) => name);
		expect(names).toContain('$Rewound.undoes');
		expect(names).toContain('$Rewound.redoes');
		expect(names).toContain('DeliveryAddressSet.address.line1');
		expect(names).toContain('MoneyDeposited.note');
		expect(names.length).toBeGreaterThan(20);
	});

	it.each(fields)('%s declares a length limit', (_, field) => {
		expect(lengthBound(field.schema), JSON.stringify(field.schema)).toBeDefined();
	});

	it.each(fields.filter(([, field]) => typeof lengthBound(field.schema) === 'number'))(
		'%s takes its limit as sent and refuses one character more, before any trimming',
		(_, field) => {
			const max = field.schema.maxLength!;
			const sample = sampleFor(field);
			const value = valueAt(sample.data, field.path) as string;

			const atLimit = withValue(sample.data, field.path, stretched(value, max));
			expect(() => domainRegistry.validate(field.type, atLimit)).not.toThrow();

			const over = stretched(value, max + 1);
			const error = refusal(field.type, withValue(sample.data, field.path, over));
			expect(error.issues.map((issue) => issue.path)).toEqual([field.path]);
		}
	);

	it.each(fields.filter(([, field]) => lengthBound(field.schema) === 'pattern'))(
		'%s refuses anything its pattern does not hold, a trailing space included',
		(_, field) => {
			const sample = sampleFor(field);
			const value = valueAt(sample.data, field.path) as string;
			const error = refusal(field.type, withValue(sample.data, field.path, `${value} `));
			expect(error.issues.map((issue) => issue.path)).toEqual([field.path]);
		}
	);
});

describe('the bound check itself', () => {
	it('finds an unbounded string, nested or not', () => {
		const schema = z.strictObject({
			bounded: z.string().max(10),
			code: z.string().regex(/^[A-Z]{3}$/),
			nested: z.strictObject({ free: z.string().min(1) }),
			open: z.string().regex(/^[a-z]+$/)
		});
		const unbounded = stringPaths(jsonSchemaOf(schema))
			.filter(({ schema: field }) => lengthBound(field) === undefined)
			.map(({ path }) => path.join('.'));
		expect(unbounded).toEqual(['nested.free', 'open']);
	});
});

describe('text fields', () => {
	it('refuses a megabyte of spaces around one letter, and runs no more checks on it', () => {
		const padded = ' '.repeat(1_040_000) + 'x';
		const result = text(500).safeParse(padded);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.message)).toEqual([
			'Use at most 500 characters.'
		]);
		expect(optionalTextInput(500).safeParse(padded).success).toBe(false);
	});

	it('still trims what fits: text as sent within the limit is stored trimmed', () => {
		expect(text(5).parse('  ab ')).toBe('ab');
		expect(optionalTextInput(5).parse('     ')).toBeUndefined();
		expect(text(5).safeParse('  abcd').success).toBe(false);
	});
});
