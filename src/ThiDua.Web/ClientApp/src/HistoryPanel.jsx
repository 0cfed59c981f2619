import { useState } from 'react';
import { api } from './api.js';
import { formatTime } from './model.js';


function DiffView({ diff }) {
  return (
    <div className="diff" data-testid="diff">
      <h4>So sánh {diff.from} → {diff.to}</h4>
      <ul className="diff-summary">
        {diff.summary.map((s, i) => <li key={i}>{s}</li>)}
      </ul>
      {diff.nodesChanged.length > 0 && (
        <table className="diff-table">
          <thead><tr><th>Bước</th><th>Thuộc tính</th><th>Trước</th><th>Sau</th></tr></thead>
          <tbody>
            {diff.nodesChanged.flatMap((n) => n.changes.map((c, i) => (
              <tr key={`${n.id}-${c.field}`}>
                {i === 0 ? <td rowSpan={n.changes.length}>{n.name}</td> : null}
                <td>{c.label}</td><td className="before">{c.before}</td><td className="after">{c.after}</td>
              </tr>
            )))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Published versions with who and when, a readable diff between any two, export, and rollback (as a new version). */
export default function HistoryPanel({ definitionId, versions, hasDraft, onChanged }) {
  const latest = versions.length ? versions[versions.length - 1].version : null;
  const [from, setFrom] = useState(latest && latest > 1 ? String(latest - 1) : '');
  const [to, setTo] = useState(hasDraft ? 'draft' : latest ? String(latest) : '');
  const [diff, setDiff] = useState(null);
  const [error, setError] = useState(null);
  const id = encodeURIComponent(definitionId);

  const compare = async (a, b) => {
    setError(null);
    try {
      setDiff(await api('GET', `/api/definitions/${id}/diff?from=${a}&to=${b}`));
    } catch (e) {
      setError(e.message);
    }
  };

  const rollback = async (version) => {
    if (!window.confirm(`Ban hành lại nội dung phiên bản ${version} thành phiên bản mới? Bản nháp (nếu có) sẽ bị bỏ; hồ sơ đang xét giữ phiên bản của mình.`)) return;
    setError(null);
    try {
      const r = await api('POST', `/api/definitions/${id}/rollback`, { version });
      await onChanged(`Đã khôi phục nội dung phiên bản ${version} thành phiên bản ${r.version}.`);
    } catch (e) {
      setError(`${e.message} ${e.errors.map((x) => x.message).join(' ')}`);
    }
  };

  const options = [...versions.map((v) => ({ value: String(v.version), label: `Phiên bản ${v.version}` })), ...(hasDraft ? [{ value: 'draft', label: 'Bản nháp đã lưu' }] : [])];
  return (
    <div className="history" data-testid="history">
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="row wrap compare">
        <select aria-label="Từ" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">— từ —</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        <span>→</span>
        <select aria-label="Đến" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">— đến —</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        <button type="button" className="btn small secondary" disabled={!from || !to} onClick={() => compare(from, to)}>So sánh</button>
      </div>
      {diff && <DiffView diff={diff} />}
      <ol className="versions" reversed>
        {[...versions].reverse().map((v) => (
          <li key={v.version} data-version={v.version}>
            <div><strong>Phiên bản {v.version}</strong>{v.version === latest ? <span className="badge Approved">đang áp dụng</span> : null}</div>
            <div className="small muted">{formatTime(v.publishedAt)} · {v.publishedBy || 'không rõ'}</div>
            {v.note && <div className="small">{v.note}</div>}
            <div className="row wrap">
              {v.version > 1 && <button type="button" className="btn small secondary" onClick={() => compare(v.version - 1, v.version)}>Xem thay đổi</button>}
              <a className="btn small secondary" href={`/api/definitions/${id}/export?version=${v.version}`}>Tải JSON</a>
              {v.version !== latest && <button type="button" className="btn small return" onClick={() => rollback(v.version)}>Khôi phục</button>}
            </div>
          </li>
        ))}
      </ol>
      {versions.length === 0 && <p className="muted">Chưa có phiên bản nào được ban hành.</p>}
    </div>
  );
}
