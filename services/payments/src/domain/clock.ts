/** Where "now" comes from; passed in so rules and tests can control time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
