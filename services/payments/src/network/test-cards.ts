/**
 * The test card numbers developers know from the major payment processors, and what the
 * simulated network answers for each. Any other valid card is approved.
 */
export type TestCardBehaviour =
  | 'approve'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'fraudulent'
  | 'processing_error';

export const TEST_CARDS: Readonly<Record<string, TestCardBehaviour>> = {
  '4242424242424242': 'approve',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  // Blocked by the shop's fraud rules (its block list), before the network is asked.
  '4100000000000019': 'fraudulent',
  '4000000000000119': 'processing_error',
};

/** The numbers of the test cards that behave as `behaviour`. */
export function testCardsThat(behaviour: TestCardBehaviour): string[] {
  return Object.entries(TEST_CARDS)
    .filter(([, answer]) => answer === behaviour)
    .map(([number]) => number);
}
