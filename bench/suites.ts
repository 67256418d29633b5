// Every benchmark suite `npm run bench` runs, in order.
import type { BenchSuite } from './bench-entry';
import { desktopDeliverySuite } from './desktop-delivery';
import { fanOutSuite } from './fan-out';
import { ingestThroughputSuite } from './ingest-throughput';
import { offerLatencySuite } from './offer-latency';
import { rendererPaintSuite } from './renderer-paint';
import { rulesEvaluationSuite } from './rules-evaluation';
import { sentimentSuite } from './sentiment';
import { suggestSuite } from './suggest';
import { supervisorReportsSuite } from './supervisor-reports';
import { localStoreSuite } from './store';

export const BENCH_SUITES: BenchSuite[] = [offerLatencySuite, desktopDeliverySuite, ingestThroughputSuite, supervisorReportsSuite, localStoreSuite, fanOutSuite, rulesEvaluationSuite, sentimentSuite, suggestSuite, rendererPaintSuite];
