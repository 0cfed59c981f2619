import { useState } from 'react';
import { api } from './api.js';
import { outcomeLabel } from './model.js';

const QUICK = ['Approve', 'Accept', 'Return', 'Reject', 'Resubmit', 'Withdraw', 'Passed', 'Failed', 'Fired'];
const STATUS = {
  completed: 'Chạy hết quy trình',
  waiting: 'Dừng chờ',
  refused: 'Lựa chọn không hợp lệ',
  error: 'Quy trình báo lỗi',
  invalid: 'Quy trình còn lỗi',
};

/** A dry run on a sample dossier: nothing is saved, the path is highlighted on the canvas. */
export default function TestRunPanel({ definitionId, catalog, getDefinition, onResult }) {
  const units = catalog.organizations;
  const [unit, setUnit] = useState(units.find((o) => o.kind === 'Unit')?.code || units[0]?.code || '');
  const [awardForm, setAwardForm] = useState(catalog.awardForms[0]?.value || '');
  const [kind, setKind] = useState('individual');
  const [outcomes, setOutcomes] = useState(['Approve']);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await api('POST', `/api/definitions/${encodeURIComponent(definitionId)}/test-run`, {
        definition: getDefinition(), dossier: { unit, awardForm, nomineeKind: kind }, outcomes,
      });
      setResult(r);
      onResult(r);
    } catch (e) {
      setError(e.message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="testrun" data-testid="test-run">
      <p className="hint">Chạy quy trình đang sửa trên một hồ sơ mẫu, không ghi gì vào dữ liệu thật. Mỗi bước chờ dùng lựa chọn tiếp theo trong danh sách; bỏ phiếu: Thông qua / Không thông qua; hẹn giờ tự đến hạn.</p>
      <label htmlFor="tr-unit">Đơn vị của hồ sơ</label>
      <select id="tr-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
        {units.map((o) => <option key={o.code} value={o.code}>{o.path}</option>)}
      </select>
      <label htmlFor="tr-award">Hình thức khen thưởng</label>
      <select id="tr-award" value={awardForm} onChange={(e) => setAwardForm(e.target.value)}>
        {catalog.awardForms.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
      </select>
      <label htmlFor="tr-kind">Đối tượng</label>
      <select id="tr-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
        {catalog.nomineeKinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
      </select>
      <label>Các lựa chọn lần lượt</label>
      <ol className="chips ordered" data-testid="test-outcomes">
        {outcomes.map((o, i) => (
          <li key={i} className="chip">{outcomeLabel(catalog, o)}
            <button type="button" aria-label="Bỏ" onClick={() => setOutcomes(outcomes.filter((_, j) => j !== i))}>×</button>
          </li>
        ))}
      </ol>
      <div className="quick">
        {QUICK.map((o) => <button type="button" key={o} className="chip-add" onClick={() => setOutcomes([...outcomes, o])}>+ {outcomeLabel(catalog, o)}</button>)}
      </div>
      <div className="row">
        <button type="button" className="btn small" onClick={run} disabled={running}>{running ? 'Đang chạy…' : 'Chạy thử'}</button>
        {result && <button type="button" className="btn small secondary" onClick={() => { setResult(null); onResult(null); }}>Xóa tô sáng</button>}
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
      {result && (
        <div className={`run-result ${result.status}`} data-testid="test-run-result">
          <p><strong>{STATUS[result.status] || result.status}:</strong> {result.message}</p>
          {result.errors.length > 0 && <ul className="field-errors">{result.errors.map((e, i) => <li key={i}>{e.nodeId ? `${e.nodeId}: ` : ''}{e.message}</li>)}</ul>}
          <ol className="run-path">
            {result.path.map((s) => (
              <li key={s.index} style={{ marginLeft: `${s.depth * 1.1}rem` }} className={s.depth ? 'child' : ''}>
                <span className="step-name">{s.name}</span> <span className="muted small">({s.typeName}{s.depth ? ` · ${s.definitionId}` : ''})</span>
                {s.outcomeName && s.outcome !== 'Done' ? <span className="badge">{s.outcomeName}</span> : null}
              </li>
            ))}
          </ol>
          {result.waitingAt.length > 0 && <p>Đang chờ tại: {result.waitingAt.map((w) => `${w.name} (${w.kind})`).join(', ')}</p>}
        </div>
      )}
    </div>
  );
}
