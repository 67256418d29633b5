// The numbers that tune the escalation rules, over a date range: handoffs over time by trigger,
// time to accept by queue, SLA attainment, mood at handoff vs at resolution, outcomes, and the
// rules report; the rows behind them export as CSV. Charts are recharts (SVG attributes only,
// which the renderer's CSP allows).
import { useEffect, useId, useState, type ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { TRIGGER_LABELS, TRIGGERS } from '../../shared/domain';
import type { SupervisorReport } from '../../shared/supervision';
import { exportCsv, loadReport } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';

const TRIGGER_COLORS = ['#d64545', '#b7791f', '#3182ce', '#805ad5', '#dd6b20', '#38a169'];
const OUTCOME_COLORS: Record<keyof SupervisorReport['outcomes'], string> = { resolved: '#38a169', transferred: '#3182ce', abandoned: '#d64545', open: '#a0aec0' };

export function ReportsPanel() {
  const report = useSupervisorStore((s) => s.report);
  const loading = useSupervisorStore((s) => s.reportLoading);
  const error = useSupervisorStore((s) => s.reportError);
  useEffect(() => {
    if (!useSupervisorStore.getState().report) void loadReport();
  }, []);
  return (
    <div className="supervisor-reports">
      <RangeForm loading={loading} />
      {error ? (
        <p role="alert" className="banner banner-offline">
          {error}
        </p>
      ) : null}
      {report ? <ReportCharts report={report} /> : <p className="empty">{loading ? 'Computing the report…' : 'Choose a date range.'}</p>}
    </div>
  );
}

function RangeForm({ loading }: { loading: boolean }) {
  const range = useSupervisorStore((s) => s.range);
  const fromId = useId();
  const toId = useId();
  const [exportNote, setExportNote] = useState<string | null>(null);
  return (
    <form
      className="range-form"
      aria-label="Report date range"
      onSubmit={(e) => {
        e.preventDefault();
        void loadReport();
      }}
    >
      <label htmlFor={fromId}>From</label>
      <input id={fromId} type="date" value={range.fromDate} onChange={(e) => useSupervisorStore.getState().rangeChanged({ fromDate: e.target.value })} />
      <label htmlFor={toId}>To</label>
      <input id={toId} type="date" value={range.toDate} onChange={(e) => useSupervisorStore.getState().rangeChanged({ toDate: e.target.value })} />
      <button type="submit" className="button button-primary" disabled={loading}>
        Show
      </button>
      <button
        type="button"
        className="button"
        onClick={() =>
          void exportCsv().then((result) => {
            if (!result) return;
            download(`baton-handoffs-${range.fromDate}-to-${range.toDate}.csv`, result.csv);
            setExportNote(`${result.rows} rows exported${result.truncated ? ' (the first ones only: narrow the range for the rest)' : ''}.`);
          })
        }
      >
        Export CSV
      </button>
      {exportNote ? (
        <span className="muted" role="status">
          {exportNote}
        </span>
      ) : null}
    </form>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function bucketLabel(iso: string, bucketMs: number): string {
  const d = new Date(iso);
  return bucketMs < 86_400_000
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

function ReportCharts({ report }: { report: SupervisorReport }) {
  const overTime = report.overTime.map((b) => ({ label: bucketLabel(b.bucketStart, report.bucketMs), ...b.counts }));
  const sla = report.slaOverTime.map((b) => ({
    label: bucketLabel(b.bucketStart, report.bucketMs),
    attainment: b.met + b.breached === 0 ? null : Math.round((b.met / (b.met + b.breached)) * 1000) / 10,
  }));
  const accept = report.timeToAccept.map((q) => ({ queue: q.queue, p50: seconds(q.p50Ms), p90: seconds(q.p90Ms) }));
  const mood = report.mood.byTrigger.map((m) => ({ trigger: TRIGGER_LABELS[m.trigger], atHandoff: m.atHandoff, atResolution: m.atResolution }));
  const outcomes = (Object.keys(report.outcomes) as (keyof SupervisorReport['outcomes'])[]).map((k) => ({ name: k, value: report.outcomes[k] }));
  return (
    <div className="report-grid">
      <section className="card report-summary" aria-label="Report summary">
        <p>
          <strong>{report.total}</strong> handoffs · SLA attainment{' '}
          <strong>{report.sla.attainment === null ? '—' : `${Math.round(report.sla.attainment * 1000) / 10}%`}</strong> ({report.sla.met} met,{' '}
          {report.sla.breached} breached, {report.sla.open} open) · mood {fmt(report.mood.atHandoff)} at handoff → {fmt(report.mood.atResolution)} at
          resolution · computed in {report.queryMs} ms
        </p>
      </section>
      <ChartCard title="Handoffs over time by trigger">
        <BarChart data={overTime}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {TRIGGERS.map((t, i) => (
            <Bar key={t} dataKey={t} name={TRIGGER_LABELS[t]} stackId="t" fill={TRIGGER_COLORS[i % TRIGGER_COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartCard>
      <ChartCard title="Time to accept by queue (seconds)">
        <BarChart data={accept}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="queue" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Bar dataKey="p50" name="p50" fill="#3182ce" isAnimationActive={false} />
          <Bar dataKey="p90" name="p90" fill="#805ad5" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="SLA attainment (%)">
        <LineChart data={sla}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis domain={[0, 100]} />
          <Tooltip />
          <Line type="monotone" dataKey="attainment" name="Accepted within SLA" stroke="#38a169" connectNulls isAnimationActive={false} />
        </LineChart>
      </ChartCard>
      <ChartCard title="Mood at handoff vs at resolution">
        <BarChart data={mood}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="trigger" />
          <YAxis domain={[-1, 1]} />
          <Tooltip />
          <Legend />
          <Bar dataKey="atHandoff" name="At handoff" fill="#d64545" isAnimationActive={false} />
          <Bar dataKey="atResolution" name="At resolution" fill="#38a169" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Outcomes">
        <PieChart>
          <Tooltip />
          <Legend />
          <Pie data={outcomes} dataKey="value" nameKey="name" outerRadius={80} isAnimationActive={false}>
            {outcomes.map((o) => (
              <Cell key={o.name} fill={OUTCOME_COLORS[o.name]} />
            ))}
          </Pie>
        </PieChart>
      </ChartCard>
      <RulesTable report={report} />
    </div>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactElement }) {
  return (
    <section className="card chart-card" aria-label={title}>
      <h3>{title}</h3>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={240}>
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function RulesTable({ report }: { report: SupervisorReport }) {
  return (
    <section className="card rules-report" aria-labelledby="rules-heading">
      <h3 id="rules-heading">Rules report</h3>
      {report.rules.length === 0 ? (
        <p className="muted">No rule fired in this range.</p>
      ) : (
        <table className="supervisor-table" aria-label="Rules report">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Fired</th>
              <th scope="col">Accepted</th>
              <th scope="col">Accept p50</th>
              <th scope="col">Accept p90</th>
              <th scope="col">Summary accurate</th>
              <th scope="col">Escalation warranted</th>
            </tr>
          </thead>
          <tbody>
            {report.rules.map((rule) => {
              const unwarrantedShare = rule.warranted + rule.unwarranted === 0 ? 0 : rule.unwarranted / (rule.warranted + rule.unwarranted);
              return (
                <tr key={rule.ruleId} className={unwarrantedShare > 0.3 ? 'row-alert' : undefined}>
                  <th scope="row">{rule.ruleId}</th>
                  <td>{rule.fired}</td>
                  <td>{rule.accepted}</td>
                  <td>{rule.p50AcceptMs === null ? '—' : `${seconds(rule.p50AcceptMs)} s`}</td>
                  <td>{rule.p90AcceptMs === null ? '—' : `${seconds(rule.p90AcceptMs)} s`}</td>
                  <td>
                    {rule.summaryAccurate} yes / {rule.summaryInaccurate} no
                  </td>
                  <td>
                    {rule.warranted} yes / {rule.unwarranted} no
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function fmt(score: number | null): string {
  return score === null ? '—' : score.toFixed(2);
}
