import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Fact, FactKind } from '../facts/model.ts';
import type { Entity, EntitySystemFields } from '../inspections/model.ts';
import { cursorAfter, DynamoStore, withCurrentAsOf } from './dynamodb-store.ts';
import { createDocumentClient, keys, withoutKeys } from './dynamodb-keys.ts';
import type { EntityDirectory, GradeRecord, PageRequest, ScoringRunRecord } from './ports.ts';
import { env, mainTable, requiredEnv } from './resources.ts';

const index = mainTable.indexes.byParent;

/** The companies search and a company's history, on the one table: registry rows by segment, facts and grades by entity. */
export class DynamoEntityDirectory extends DynamoStore implements EntityDirectory {
  static override fromEnvironment() {
    return new DynamoEntityDirectory(createDocumentClient(), requiredEnv(env.tableName));
  }

  async entitiesOfSegment(filter: { segment: string; district?: string; name?: string }, page: PageRequest) {
    const read = await this.page(
      {
        partition: { [index.partitionKey]: `SEGMENT#${filter.segment}` },
        index: index.name,
        oldestFirst: true,
        ...(filter.district ? { sortPrefix: [index.sortKey, `${filter.district}#`] as [string, string] } : {}),
        ...(filter.name ? { filter: { expression: 'contains(#name, :name)', names: { '#name': 'name' }, values: { ':name': filter.name } } } : {}),
      },
      page,
    );
    const ids = read.items.map((item) => item.id as string);
    const [states, run] = ids.length ? await Promise.all([this.entityStates(ids), this.lastRun()]) : [new Map<string, EntitySystemFields>(), undefined];
    const items = read.items.map((item) => {
      const { entityId: _entityId, ...state } = (states.get(item.id as string) ?? {}) as EntitySystemFields & { entityId?: string };
      return { entity: withCurrentAsOf({ ...withoutKeys<Entity>(item)!, ...state }, run), after: cursorAfter(item, index.name) };
    });
    return { items, ...(read.cursor ? { cursor: read.cursor } : {}) };
  }

  private async lastRun() {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.gradeDistribution() }));
    return Item as ScoringRunRecord | undefined;
  }

  async entityByCreditCode(creditCode: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.creditCode(creditCode) }));
    const entity = Item ? await this.getEntity(Item.entityId as string) : undefined;
    // The pointer of a code the registry has since given to another row, or taken away, finds nothing.
    return entity?.creditCode === creditCode ? entity : undefined;
  }

  async gradeHistory(entityId: string, page: PageRequest) {
    const read = await this.page({ partition: { pk: keys.entity(entityId).pk }, sortPrefix: ['sk', 'GRADE#'] }, page);
    const items = read.items.map(({ sk, grade, score, coverage, model, asOf }): GradeRecord => ({
      at: (sk as string).slice('GRADE#'.length),
      grade: grade as GradeRecord['grade'],
      ...(score !== undefined ? { score: score as number } : {}),
      ...(coverage !== undefined ? { coverage: coverage as number } : {}),
      ...(model !== undefined ? { model: model as string } : {}),
      ...(asOf !== undefined ? { asOf: asOf as string } : {}),
    }));
    return { items, ...(read.cursor ? { cursor: read.cursor } : {}) };
  }

  async factsOfKind(entityId: string, kind: FactKind, page: { limit: number; after?: Pick<Fact, 'date' | 'id'> }) {
    const partition = { pk: keys.entity(entityId).pk };
    const cursor = page.after ? cursorAfter(keys.fact(entityId, kind, page.after.date, page.after.id)) : undefined;
    const read = await this.page({ partition, sortPrefix: ['sk', `FACT#${kind}#`] }, { limit: page.limit, ...(cursor ? { cursor } : {}) });
    return read.items.map((item) => withoutKeys<Fact>(item)!);
  }
}
