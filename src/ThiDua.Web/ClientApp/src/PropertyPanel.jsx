import { useState } from 'react';
import { asList, declaredOutcomes, outcomeLabel, isIdentifier } from './model.js';

const COMMON_OUTCOMES = ['Approve', 'Accept', 'Return', 'Reject', 'Resubmit', 'Withdraw'];
const BOOLEAN_DEFAULTS = { notify: true, secret: false };

function FieldErrors({ errors, field }) {
  const list = errors.filter((e) => e.field === field || (e.field && e.field.startsWith(`${field}[`)));
  if (!list.length) return null;
  return (
    <ul className="field-errors" role="alert">
      {list.map((e, i) => <li key={i}>{e.message}</li>)}
    </ul>
  );
}

function Select({ id, value, options, onChange, placeholder, testId }) {
  const known = options.some((o) => o.value === value);
  return (
    <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{placeholder || '— chọn —'}</option>
      {!known && value ? <option value={value}>{value} (không có trong danh mục)</option> : null}
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}

/** A list of outcome names as removable chips, with quick-add buttons for the usual ones. */
function OutcomesEditor({ id, value, onChange, catalog, suggestions }) {
  const list = asList(value);
  const [text, setText] = useState('');
  const add = (o) => {
    const name = o.trim();
    if (!name || list.includes(name)) return;
    onChange([...list, name]);
    setText('');
  };
  return (
    <div className="chips-editor" data-testid={`outcomes-${id}`}>
      <div className="chips">
        {list.map((o) => (
          <span key={o} className="chip">
            {outcomeLabel(catalog, o)} <code>{o}</code>
            <button type="button" aria-label={`Bỏ ${o}`} title="Bỏ" onClick={() => onChange(list.filter((x) => x !== o))}>×</button>
          </span>
        ))}
        {list.length === 0 && <span className="muted">(chưa có)</span>}
      </div>
      <div className="row">
        <input id={id} value={text} placeholder="Tên lựa chọn, ví dụ Approve" onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(text); } }} />
        <button type="button" className="btn small secondary" onClick={() => add(text)}>Thêm</button>
      </div>
      <div className="quick">
        {(suggestions || COMMON_OUTCOMES).filter((o) => !list.includes(o)).map((o) => (
          <button type="button" key={o} className="chip-add" onClick={() => add(o)}>+ {outcomeLabel(catalog, o)}</button>
        ))}
      </div>
    </div>
  );
}

/** Recipients: "submitter" or "Vai trò@tổ chức". */
function RecipientsEditor({ value, onChange, catalog }) {
  const list = asList(value);
  const [role, setRole] = useState('submitter');
  const [org, setOrg] = useState('unit');
  const label = (r) => {
    if (r === 'submitter') return 'Thư ký đã gửi hồ sơ';
    const [ro, sel] = r.split('@');
    const rl = catalog.roles.find((x) => x.value === ro)?.label || ro;
    const sl = catalog.orgSelectors.find((x) => x.value === sel)?.label || sel;
    return `${rl} – ${sl}`;
  };
  const add = () => {
    const r = role === 'submitter' ? 'submitter' : `${role}@${org}`;
    if (!list.includes(r)) onChange([...list, r]);
  };
  return (
    <div className="chips-editor">
      <div className="chips">
        {list.map((r) => (
          <span key={r} className="chip">{label(r)}
            <button type="button" aria-label={`Bỏ ${r}`} onClick={() => onChange(list.filter((x) => x !== r))}>×</button>
          </span>
        ))}
      </div>
      <div className="row wrap">
        <select value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="submitter">Thư ký đã gửi hồ sơ</option>
          {catalog.roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
        {role !== 'submitter' && (
          <select value={org} onChange={(e) => setOrg(e.target.value)}>
            {catalog.orgSelectors.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        )}
        <button type="button" className="btn small secondary" onClick={add}>Thêm</button>
      </div>
    </div>
  );
}

/** Switch cases: each a branch name, all/any, and conditions on dossier fields. */
function CasesEditor({ value, onChange, catalog }) {
  const cases = Array.isArray(value) ? value : [];
  const set = (i, c) => onChange(cases.map((x, j) => (j === i ? c : x)));
  const setCond = (i, k, cond) => set(i, { ...cases[i], conditions: (cases[i].conditions || []).map((x, j) => (j === k ? cond : x)) });
  return (
    <div className="cases">
      {cases.map((c, i) => (
        <fieldset key={i} className="case">
          <legend>Trường hợp {i + 1}</legend>
          <div className="row wrap">
            <label>Tên nhánh
              <input value={c.outcome || ''} placeholder="ví dụ TapThe" onChange={(e) => set(i, { ...c, outcome: e.target.value })} />
            </label>
            <label>Khớp
              <select value={c.match || 'all'} onChange={(e) => set(i, { ...c, match: e.target.value })}>
                <option value="all">tất cả điều kiện</option>
                <option value="any">một điều kiện bất kỳ</option>
              </select>
            </label>
            <button type="button" className="btn small secondary" onClick={() => onChange(cases.filter((_, j) => j !== i))}>Xóa trường hợp</button>
          </div>
          {(c.conditions || []).map((cond, k) => {
            const multi = cond.op === 'in' || cond.op === 'notIn';
            const noValue = cond.op === 'empty' || cond.op === 'notEmpty';
            return (
              <div key={k} className="row wrap condition">
                <select value={cond.field || ''} onChange={(e) => setCond(i, k, { ...cond, field: e.target.value })} aria-label="Trường">
                  <option value="">— trường —</option>
                  {catalog.switchFields.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
                </select>
                <select value={cond.op || 'eq'} onChange={(e) => setCond(i, k, { ...cond, op: e.target.value })} aria-label="Phép so sánh">
                  {catalog.switchOperators.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
                {!noValue && (multi
                  ? <input value={asList(cond.values).join(', ')} placeholder="giá trị, cách nhau bởi dấu phẩy" aria-label="Các giá trị"
                      onChange={(e) => { const { value: _v, ...rest } = cond; setCond(i, k, { ...rest, values: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) }); }} />
                  : <input value={cond.value ?? ''} placeholder="giá trị" aria-label="Giá trị"
                      onChange={(e) => { const { values: _v, ...rest } = cond; setCond(i, k, { ...rest, value: e.target.value }); }} />)}
                <button type="button" className="icon" aria-label="Xóa điều kiện" onClick={() => set(i, { ...c, conditions: c.conditions.filter((_, j) => j !== k) })}>×</button>
              </div>
            );
          })}
          <button type="button" className="btn small secondary" onClick={() => set(i, { ...c, conditions: [...(c.conditions || []), { field: 'awardForm', op: 'eq', value: '' }] })}>+ Điều kiện</button>
        </fieldset>
      ))}
      <button type="button" className="btn small secondary" onClick={() => onChange([...cases, { outcome: '', match: 'all', conditions: [{ field: 'awardForm', op: 'eq', value: '' }] }])}>+ Trường hợp</button>
    </div>
  );
}

function SettingInput({ spec, value, onChange, catalog, settings, nodeType }) {
  const id = `setting-${spec.name}`;
  switch (spec.kind) {
    case 'Integer':
      return <input id={id} type="number" min="0" max="3650" step="1" value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />;
    case 'Fraction':
      return <input id={id} value={value ?? ''} placeholder="ví dụ 0.8 hoặc 2/3"
        onChange={(e) => { const t = e.target.value.trim(); onChange(t === '' ? undefined : (/^\d*\.?\d+$/.test(t) ? Number(t) : t)); }} />;
    case 'Boolean': {
      const checked = typeof value === 'boolean' ? value : BOOLEAN_DEFAULTS[spec.name] ?? false;
      return <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />;
    }
    case 'Role':
      return <Select id={id} testId={id} value={value} options={catalog.roles} onChange={(v) => onChange(v || undefined)} placeholder="— chọn vai trò —" />;
    case 'Organization':
      return <Select id={id} testId={id} value={value} options={catalog.orgSelectors} onChange={(v) => onChange(v || undefined)} placeholder="— chọn tổ chức —" />;
    case 'Choice':
      return <Select id={id} testId={id} value={value} options={spec.choices || []} onChange={(v) => onChange(v || undefined)} placeholder="(mặc định)" />;
    case 'EmailTemplate':
      return <Select id={id} testId={id} value={value} options={catalog.emailTemplates.map((t) => ({ value: t, label: t }))} onChange={(v) => onChange(v || undefined)} placeholder="— chọn mẫu email —" />;
    case 'Definition':
      return <Select id={id} testId={id} value={value} options={catalog.definitions.map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }))} onChange={(v) => onChange(v || undefined)} placeholder="— chọn quy trình con —" />;
    case 'Outcomes': {
      let suggestions;
      if (nodeType === 'CallWorkflow') suggestions = catalog.definitions.find((d) => d.id === settings.definition)?.results || ['Approved', 'Rejected', 'Withdrawn'];
      return <OutcomesEditor id={id} value={value} onChange={onChange} catalog={catalog} suggestions={suggestions} />;
    }
    case 'Recipients':
      return <RecipientsEditor value={value} onChange={onChange} catalog={catalog} />;
    case 'Cases':
      return <CasesEditor value={value} onChange={onChange} catalog={catalog} />;
    case 'DateTime':
      return <input id={id} value={value ?? ''} placeholder="2025-12-10T08:00:00+07:00" onChange={(e) => onChange(e.target.value)} />;
    case 'Duration':
      return <input id={id} value={value ?? ''} placeholder="P3D hoặc PT4H" onChange={(e) => onChange(e.target.value)} />;
    default:
      if (nodeType === 'End' && spec.name === 'result') {
        return (<>
          <input id={id} list="end-results" value={value ?? ''} onChange={(e) => onChange(e.target.value)} />
          <datalist id="end-results"><option value="Approved" /><option value="Rejected" /><option value="Withdrawn" /></datalist>
        </>);
      }
      return <input id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** The properties of the selected step: name, id, every setting with a proper input, and where each outcome leads. */
export default function PropertyPanel({ node, nodes, edges, catalog, errors, onChange, onRename, onConnect, onDelete }) {
  const [idText, setIdText] = useState(null);
  if (!node) {
    return <p className="muted">Chọn một bước trên sơ đồ để xem và sửa thuộc tính. Kéo một loại hoạt động từ hộp công cụ vào sơ đồ để thêm bước.</p>;
  }
  const descriptor = catalog.byType[node.data.type];
  const settings = node.data.settings || {};
  const nodeErrors = errors.filter((e) => e.nodeId === node.id);
  const setSetting = (name, value) => {
    const next = { ...settings };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(node.id, { settings: next }, name);
  };
  const outcomes = declaredOutcomes(descriptor, settings);
  const shownId = idText ?? node.id;
  return (
    <div className="props" data-testid="property-panel">
      <h3>{descriptor?.name || node.data.type}</h3>
      {descriptor?.description && <p className="hint">{descriptor.description}</p>}
      <label htmlFor="node-name">Tên bước</label>
      <input id="node-name" value={node.data.name || ''} onChange={(e) => onChange(node.id, { name: e.target.value })} />
      <FieldErrors errors={nodeErrors} field="name" />
      <label htmlFor="node-id">Mã bước</label>
      <div className="row">
        <input id="node-id" value={shownId} onChange={(e) => setIdText(e.target.value)}
          onBlur={() => { if (idText !== null && idText !== node.id && isIdentifier(idText) && !nodes.some((n) => n.id === idText)) onRename(node.id, idText); setIdText(null); }} />
      </div>
      {idText !== null && idText !== node.id && (!isIdentifier(idText) || nodes.some((n) => n.id === idText)) &&
        <p className="field-errors">Mã chỉ gồm chữ thường không dấu, số, dấu gạch ngang và không được trùng.</p>}
      <FieldErrors errors={nodeErrors} field="id" />

      {(descriptor?.settings || []).map((spec) => (
        <div key={spec.name} className={`setting kind-${spec.kind}`}>
          <label htmlFor={`setting-${spec.name}`}>{spec.label}{spec.required ? ' *' : ''}</label>
          <SettingInput spec={spec} value={settings[spec.name]} onChange={(v) => setSetting(spec.name, v)} catalog={catalog} settings={settings} nodeType={node.data.type} />
          {spec.help && <div className="hint">{spec.help}</div>}
          <FieldErrors errors={nodeErrors} field={spec.name} />
        </div>
      ))}

      {outcomes.length > 0 && (
        <div className="branches">
          <h4>Các nhánh ra</h4>
          {outcomes.map((o) => {
            const targets = edges.filter((e) => e.source === node.id && (e.data?.outcome || e.sourceHandle) === o).map((e) => e.target);
            return (
              <div key={o} className="row branch">
                <span className="branch-label">{outcomeLabel(catalog, o)}</span>
                <select aria-label={`Nhánh ${o} nối tới`} data-testid={`branch-${o}`} value={targets[0] || ''} onChange={(e) => onConnect(node.id, o, e.target.value)}>
                  <option value="">— chưa nối —</option>
                  {nodes.filter((n) => n.id !== node.id && n.data.type !== 'Start').map((n) => <option key={n.id} value={n.id}>{n.data.name || n.id} ({n.id})</option>)}
                </select>
                {targets.length > 1 && <span className="hint">+{targets.length - 1}</span>}
              </div>
            );
          })}
        </div>
      )}
      <FieldErrors errors={nodeErrors} field="outcome" />
      {nodeErrors.filter((e) => !e.field || !['name', 'id', 'outcome', ...(descriptor?.settings || []).map((s) => s.name)].some((f) => e.field === f || e.field.startsWith(`${f}[`))).map((e, i) => (
        <p key={i} className="field-errors">{e.message}</p>
      ))}
      <p><button type="button" className="btn small reject" onClick={() => onDelete(node.id)}>Xóa bước này</button></p>
    </div>
  );
}
