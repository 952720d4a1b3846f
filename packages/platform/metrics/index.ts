export { createMetrics, type Metrics, type MetricsOptions } from './create-metrics.ts';
export { registerMetricsRoute } from './register-metrics-route.ts';
