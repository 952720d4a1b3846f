import type { HttpServer } from '@emporium/platform/http';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PaymentsDatabase } from '../store/database.ts';
import { countUnbalancedTransactions, ledgerBalances, paymentsCapturedTwice } from '../store/ledger-store.ts';
import { BEARER, LedgerBalancesView } from './schemas.ts';

/**
 * The ledger's totals per account and currency, and what must never be there (unbalanced
 * transactions, payments captured twice), for reconciliation and `emporium check`. Admin only.
 */
export function adminLedgerRoutes(
  app: HttpServer,
  {
    db,
    requireAdmin,
  }: { db: Kysely<PaymentsDatabase>; requireAdmin: (request: FastifyRequest) => Promise<void> },
): void {
  app.get(
    '/admin/ledger/balances',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['ledger (admin)'],
        security: BEARER,
        summary: 'Debits, credits and balance of every ledger account, per currency',
        response: { 200: LedgerBalancesView },
      },
    },
    async () => {
      const balances = await ledgerBalances(db);
      return {
        balances: balances.map((balance) => ({
          ...balance,
          balanceMinor: balance.debitMinor - balance.creditMinor,
        })),
        unbalancedTransactions: await countUnbalancedTransactions(db),
        capturedTwice: await paymentsCapturedTwice(db),
      };
    },
  );
}
