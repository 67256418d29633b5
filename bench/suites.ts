// Every benchmark suite `npm run bench` runs, in order.
import type { BenchSuite } from './bench-entry';
import { desktopDeliverySuite } from './desktop-delivery';
import { ingestThroughputSuite } from './ingest-throughput';
import { offerLatencySuite } from './offer-latency';
import { supervisorReportsSuite } from './supervisor-reports';

export const BENCH_SUITES: BenchSuite[] = [offerLatencySuite, desktopDeliverySuite, ingestThroughputSuite, supervisorReportsSuite];
