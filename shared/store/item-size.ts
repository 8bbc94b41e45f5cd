/**
 * DynamoDB refuses an item over 400 KB with a ValidationException, which would otherwise reach the caller as a 500
 * "retry" although retrying cannot help. Every write goes through this client middleware, which turns that refusal
 * into a 413 naming the item's largest attributes: what the caller has to shorten.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../domain-error.ts';

/** DynamoDB's limit on one item, attribute names included. */
export const maxItemBytes = 400 * 1024;

const sizeMessage = /item size/i;

/** The refusal comes as a ValidationException on Put/Update, as a cancelled transaction's reason on TransactWrite. */
export function isItemTooLarge(error: unknown): boolean {
  const e = error as { name?: string; message?: string; CancellationReasons?: { Code?: string; Message?: string }[] };
  if (e?.name === 'ValidationException') return sizeMessage.test(e.message ?? '');
  return e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => sizeMessage.test(r.Message ?? ''));
}

type Attributes = Record<string, unknown>;

function itemsWritten(input: Record<string, unknown>): Attributes[] {
  const transaction = (input.TransactItems as { Put?: { Item: Attributes }; Update?: { ExpressionAttributeValues?: Attributes } }[] | undefined) ?? [];
  return [
    input.Item as Attributes | undefined,
    input.ExpressionAttributeValues as Attributes | undefined,
    ...transaction.map((t) => t.Put?.Item ?? t.Update?.ExpressionAttributeValues),
  ].filter((item): item is Attributes => Boolean(item));
}

/** The largest attributes of the largest item written, biggest first, in KB: what to shorten. */
export function largestAttributes(input: Record<string, unknown>, count = 3): { attribute: string; kilobytes: number }[] {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');
  const [largest] = itemsWritten(input).sort((a, b) => bytes(b) - bytes(a));
  return Object.entries(largest ?? {})
    .map(([attribute, value]) => ({ attribute: attribute.replace(/^:/, ''), kilobytes: Math.ceil((Buffer.byteLength(attribute) + bytes(value)) / 1024) }))
    .sort((a, b) => b.kilobytes - a.kilobytes)
    .slice(0, count);
}

export function refuseOversizedItems(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isItemTooLarge(error)) throw error;
        const largest = largestAttributes(args.input as Record<string, unknown>);
        throw new DomainError(
          'too-large',
          'record_too_large',
          `This change would make the record larger than the ${maxItemBytes / 1024} KB that can be stored; shorten its longest texts (${largest
            .map((a) => `${a.attribute}: ${a.kilobytes} KB`)
            .join(', ')}) or split them over several records.`,
          largest,
        );
      }
    },
    { step: 'initialize', name: 'refuseOversizedItems' },
  );
}
