import { memo, useContext } from 'react';
import { Handle, Position } from '@xyflow/react';
import { CatalogContext } from './context.js';
import { declaredOutcomes, outcomeLabel } from './model.js';

const ICONS = {
  Start: '▶', End: '■', Approval: '✔', CouncilVote: '⚖', Switch: '◇', Fork: '⑂', Join: '⑃',
  Timer: '⏱', SendEmail: '✉', CallWorkflow: '↪', SetStatus: '🏷',
};

/**
 * One step on the canvas: its activity type in Vietnamese, its name and id, and one source handle per
 * declared outcome (plus, in red, any outcome an existing edge still uses but the node no longer declares).
 */
function ActivityNode({ id, data, selected }) {
  const { catalog, usedOutcomes } = useContext(CatalogContext);
  const descriptor = catalog.byType[data.type];
  const declared = declaredOutcomes(descriptor, data.settings);
  const extra = (usedOutcomes[id] || []).filter((o) => !declared.includes(o));
  const handles = [...declared.map((o) => ({ o, ok: true })), ...extra.map((o) => ({ o, ok: false }))];
  const classes = ['wf-node', `wf-${data.type}`];
  if (selected) classes.push('selected');
  if (data.errors?.length) classes.push('has-errors');
  if (data.highlight) classes.push(`hl-${data.highlight}`);
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} title={data.errors?.map((e) => e.message).join('\n') || ''}
      style={{ width: Math.max(230, handles.length * 96) }}>
      {data.type !== 'Start' && <Handle type="target" position={Position.Top} id="in" className="wf-in" />}
      <div className="wf-type">
        <span className="wf-icon" aria-hidden="true">{ICONS[data.type] || '•'}</span>
        {descriptor ? descriptor.name : data.type}
        {data.errors?.length ? <span className="wf-err-count" title="Số lỗi">{data.errors.length}</span> : null}
      </div>
      <div className="wf-name">{data.name || <em className="muted">(chưa đặt tên)</em>}</div>
      <div className="wf-id">{id}{data.summary ? ` · ${data.summary}` : ''}</div>
      {handles.length > 0 && (
        <div className="wf-outcomes">
          {handles.map(({ o, ok }, i) => (
            <div key={o} className={`wf-outcome${ok ? '' : ' bad'}`} style={{ left: `${((i + 0.5) / handles.length) * 100}%` }}>
              {(handles.length > 1 || o !== 'Done') && <span className="wf-outcome-label">{outcomeLabel(catalog, o)}</span>}
              <Handle type="source" position={Position.Bottom} id={o} className="wf-out" data-outcome={o} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export default memo(ActivityNode);
