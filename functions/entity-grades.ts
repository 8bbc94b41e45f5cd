import { routes } from '#shared/api/routes.ts';
import { entityGrades } from '#shared/entities/directory.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { DynamoEntityDirectory } from '#shared/store/dynamodb-entity-directory.ts';

const directory = DynamoEntityDirectory.fromEnvironment();
const services = { store: directory, directory };

export const handler = apiHandler(routes.entityGrades, async ({ params, query, principal }) => json(200, await entityGrades(services, principal, params.id, query)));
