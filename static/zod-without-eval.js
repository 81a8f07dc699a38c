globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
	jitless: true
});
