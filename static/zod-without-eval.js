// zod compiles its object parsers with `new Function` unless told not to, and probes for it as
// its first object schema is made: under the app's Content-Security-Policy (no 'unsafe-eval')
// the probe fails quietly but is reported as a violation. A classic script in <head> runs
// before every module, so zod finds this setting when it loads.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
	jitless: true
});
