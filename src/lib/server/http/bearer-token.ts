/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(request: Request): string | undefined {
	const header = request.headers.get('authorization');
	const match = header?.match(/^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i);
	return match?.[1];
}
