export { findTestPostgres, freePort, type TestPostgres } from './find-test-postgres.ts';
export { bodyOf, jsonClient, problemOf } from './http-client.ts';
export { assertRoutesDocumented } from './openapi-routes.ts';
export { startTestService, type TestService } from './start-test-service.ts';
export { createTestDatabase, type TestDatabase, testAdminUrl } from './test-database.ts';
export { startTestTokenIssuer, type TestTokenIssuer, type TokenRequest } from './test-token-issuer.ts';
export { waitFor } from './wait-for.ts';
