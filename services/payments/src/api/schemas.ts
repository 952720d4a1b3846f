import { Type } from '@sinclair/typebox';
import { CARD_BRANDS } from '../domain/card-number.ts';
import { LEDGER_ACCOUNTS } from '../domain/ledger.ts';
import { MAX_AMOUNT_MINOR } from '../domain/money.ts';
import { PAYMENT_STATUSES } from '../domain/payment.ts';

/** TypeBox schemas of the REST API: what the routes accept and answer, and what OpenAPI shows. */

export const BEARER = [{ bearer: [] }];
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f]*$';
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

export const CardBody = Type.Object(
  {
    number: Type.String({
      minLength: 12,
      maxLength: 26,
      pattern: '^[0-9][0-9 -]*[0-9]$',
      description: 'The card number; spaces and dashes between digits are ignored',
    }),
    expMonth: Type.Integer({ minimum: 1, maximum: 12, description: 'Expiry month, 1-12' }),
    expYear: Type.Integer({ minimum: 2000, maximum: 2099, description: 'Expiry year, four digits' }),
    cvc: Type.String({
      pattern: '^[0-9]{3,4}$',
      description: 'Security code: 3 digits, 4 for American Express',
    }),
    holderName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: NO_CONTROL, description: 'Accepted, not kept' }),
    ),
  },
  { additionalProperties: false },
);

export const CardTokenView = Type.Object(
  {
    token: Type.String({ description: 'Single use: pass it as card_token to Authorize' }),
    brand: literals(CARD_BRANDS),
    last4: Type.String(),
    expMonth: Type.Integer(),
    expYear: Type.Integer(),
    expiresAt: Type.String({ format: 'date-time', description: 'The token cannot be used after this' }),
  },
  { additionalProperties: false },
);

const MoneyView = Type.Object(
  { amountMinor: Type.Integer(), currency: Type.String() },
  { additionalProperties: false },
);

export const PaymentView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orderId: Type.String(),
    userId: Type.String(),
    status: literals(PAYMENT_STATUSES),
    amount: MoneyView,
    captured: MoneyView,
    refunded: MoneyView,
    failure: Type.Union([
      Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    fraud: Type.Object(
      { score: Type.Integer(), decision: Type.String(), reasons: Type.Array(Type.String()) },
      { additionalProperties: false },
    ),
    card: Type.Object({ brand: Type.String(), last4: Type.String() }, { additionalProperties: false }),
    billingCountry: Type.Union([Type.String(), Type.Null()]),
    shippingCountry: Type.Union([Type.String(), Type.Null()]),
    networkReference: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const PostingView = Type.Object(
  {
    account: literals(LEDGER_ACCOUNTS),
    currency: Type.String(),
    debitMinor: Type.Integer(),
    creditMinor: Type.Integer(),
  },
  { additionalProperties: false },
);

export const PaymentDetailView = Type.Object(
  {
    payment: PaymentView,
    ledger: Type.Array(
      Type.Object(
        {
          id: Type.String({ format: 'uuid' }),
          kind: Type.String(),
          reason: Type.Union([Type.String(), Type.Null()]),
          createdAt: Type.String({ format: 'date-time' }),
          entries: Type.Array(PostingView),
        },
        { additionalProperties: false },
      ),
      { description: "The payment's ledger transactions, oldest first; each balances" },
    ),
  },
  { additionalProperties: false },
);

export const PaymentListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'nextCursor of the previous page' }),
    ),
    orderId: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$',
        description: 'Only the payments of this order',
      }),
    ),
  },
  { additionalProperties: false },
);

export const PaymentListView = Type.Object(
  {
    payments: Type.Array(PaymentView),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as cursor for the next page; null on the last page',
    }),
  },
  { additionalProperties: false },
);

export const PaymentIdParams = Type.Object(
  { id: Type.String({ format: 'uuid', description: 'The payment id' }) },
  { additionalProperties: false },
);

export const AdminRefundBody = Type.Object(
  {
    amountMinor: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_AMOUNT_MINOR,
        description: "Minor units of the payment's currency; default: all that remains captured",
      }),
    ),
    currency: Type.Optional(
      Type.String({ pattern: '^[A-Z]{3}$', description: "When given, must be the payment's currency" }),
    ),
    reason: Type.String({ minLength: 1, maxLength: 500, pattern: NO_CONTROL }),
  },
  { additionalProperties: false },
);

export const LedgerBalancesView = Type.Object(
  {
    balances: Type.Array(
      Type.Object(
        {
          account: literals(LEDGER_ACCOUNTS),
          currency: Type.String(),
          debitMinor: Type.Integer(),
          creditMinor: Type.Integer(),
          balanceMinor: Type.Integer({ description: 'Debits minus credits' }),
        },
        { additionalProperties: false },
      ),
    ),
    unbalancedTransactions: Type.Integer({
      description: 'Transactions whose debits differ from credits: always 0',
    }),
    capturedTwice: Type.Array(Type.String({ format: 'uuid' }), {
      description: 'Payments with more than one capture (at most 100 ids): always none',
    }),
  },
  { additionalProperties: false },
);
