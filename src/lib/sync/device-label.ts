const BROWSERS: [RegExp, string][] = [
	// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
	[/Edg(A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari']
];

const SYSTEMS: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPod/, 'iPhone'],
	[/iPad/, 'iPad'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Macintosh|Mac OS X/, 'Mac'],
	[/Linux/, 'Linux']
];

/**
 * What a person would call this device in their list of sessions ("Chrome on Android"),
 * from the browser's user agent; undefined when it says nothing recognisable.
 */
export function deviceLabel(userAgent: string | undefined): string | undefined {
	if (!userAgent) return undefined;
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? system;
}
