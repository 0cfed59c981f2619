import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ReactFlow, ReactFlowProvider, Background, Controls, MiniMap, MarkerType,
  applyNodeChanges, applyEdgeChanges, useReactFlow,
} from '@xyflow/react';
import ActivityNode from './ActivityNode.jsx';
import PropertyPanel from './PropertyPanel.jsx';
import HistoryPanel from './HistoryPanel.jsx';
import TestRunPanel from './TestRunPanel.jsx';
import { CatalogContext } from './context.js';
import { api } from './api.js';
import {
  toFlow, toDefinition, makeEdge, autoLayout, newNodeId, defaultSettings, outcomeLabel, declaredOutcomes, formatTime,
} from './model.js';

const nodeTypes = { activity: ActivityNode };
const DRAG_TYPE = 'application/x-thidua-activity';


function strip(nodes) {
  return nodes.map(({ id, type, position, data }) => ({ id, type, position, data: { type: data.type, name: data.name, settings: data.settings } }));
}

function Toolbox({ catalog, onAdd }) {
  return (
    <aside className="toolbox" aria-label="Hộp công cụ">
      <h3>Hộp công cụ</h3>
      <p className="hint">Kéo vào sơ đồ, hoặc bấm để thêm.</p>
      {catalog.activities.map((a) => (
        <button type="button" key={a.type} className={`tool wf-${a.type}`} draggable data-testid={`tool-${a.type}`} title={a.description}
          onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, a.type); e.dataTransfer.effectAllowed = 'move'; }}
          onClick={() => onAdd(a.type)}>
          {a.name}
        </button>
      ))}
    </aside>
  );
}

function Editor({ definitionId, catalog }) {
  const flow = useReactFlow();
  const [meta, setMeta] = useState(null);
  const [nodes, setNodes] = useState([]);
  const [edges, setEdges] = useState([]);
  const [basedOn, setBasedOn] = useState(null);
  const [versions, setVersions] = useState([]);
  const [draftInfo, setDraftInfo] = useState(null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState([]);
  const [validating, setValidating] = useState(false);
  const [validatedOnce, setValidatedOnce] = useState(false);
  const [message, setMessage] = useState(null);
  const [tab, setTab] = useState('props');
  const [highlight, setHighlight] = useState(null);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [, setTick] = useState(0);

  const state = useRef({ meta: null, nodes: [], edges: [] });
  state.current = { meta, nodes, edges };
  const past = useRef([]);
  const future = useRef([]);
  const recordedThisTick = useRef(false);
  const dragStart = useRef(null);
  const fileInput = useRef(null);

  const snapshot = () => ({ meta: state.current.meta, nodes: strip(state.current.nodes), edges: state.current.edges });
  // A snapshot keeps what the user edits, not React Flow's measured sizes. Restored without them, a node still on the
  // canvas counts as unmeasured and React Flow hides it until it measures it again, which it may never do when the
  // node's size has not changed: after an undo, a step could stay invisible and its outcomes out of reach.
  const restore = (s) => {
    const measured = new Map(state.current.nodes.map((n) => [n.id, n.measured]));
    setMeta(s.meta);
    setNodes(s.nodes.map((n) => {
      const size = measured.get(n.id);
      return size ? { ...n, measured: size } : n;
    }));
    setEdges(s.edges);
    setDirty(true);
  };

  /** Remembers the state before a change, once per event even when React Flow reports nodes and edges separately. */
  const record = useCallback((before) => {
    if (recordedThisTick.current) return;
    recordedThisTick.current = true;
    queueMicrotask(() => { recordedThisTick.current = false; });
    past.current.push(before || snapshot());
    if (past.current.length > 200) past.current.shift();
    future.current = [];
    setDirty(true);
    setTick((t) => t + 1);
  }, []);

  const undo = useCallback(() => {
    const prev = past.current.pop();
    if (!prev) return;
    future.current.push(snapshot());
    restore(prev);
    setTick((t) => t + 1);
  }, []);

  const redo = useCallback(() => {
    const next = future.current.pop();
    if (!next) return;
    past.current.push(snapshot());
    restore(next);
    setTick((t) => t + 1);
  }, []);

  const load = useCallback(async () => {
    const data = await api('GET', `/api/definitions/${encodeURIComponent(definitionId)}`);
    const definition = data.draft ? data.draft.definition : data.published;
    const f = toFlow(definition);
    setMeta(f.meta);
    setNodes(f.nodes);
    setEdges(f.edges);
    setBasedOn(data.draft ? data.draft.basedOnVersion : data.latestVersion);
    setVersions(data.versions);
    setDraftInfo(data.draft ? { updatedAt: data.draft.updatedAt, updatedBy: data.draft.updatedBy } : null);
    setDirty(false);
    past.current = [];
    future.current = [];
    setTick((t) => t + 1);
    setTimeout(() => flow.fitView({ padding: 0.15 }), 50);
  }, [definitionId, flow]);

  useEffect(() => {
    load().catch((e) => setMessage({ kind: 'error', text: e.message }));
  }, [load]);

  // Validation from the server while editing: the same reader and validator the engine uses.
  const definitionJson = useMemo(() => (meta ? JSON.stringify(toDefinition(meta, nodes, edges)) : null), [meta, nodes, edges]);
  const validationSeq = useRef(0);
  useEffect(() => {
    if (!definitionJson) return undefined;
    setValidating(true);
    const seq = ++validationSeq.current;
    const timer = setTimeout(async () => {
      try {
        const result = await api('POST', '/api/definitions/validate', definitionJson, true);
        if (seq === validationSeq.current) {
          setErrors(result.errors || []);
          setValidatedOnce(true);
        }
      } catch (e) {
        if (seq === validationSeq.current) setMessage({ kind: 'error', text: `Không kiểm tra được quy trình: ${e.message}` });
      } finally {
        if (seq === validationSeq.current) setValidating(false);
      }
    }, 450);
    return () => clearTimeout(timer);
  }, [definitionJson]);

  useEffect(() => {
    const onKey = (e) => {
      const t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') { e.preventDefault(); undo(); }
      else if ((e.ctrlKey || e.metaKey) && (e.key.toLowerCase() === 'y' || (e.shiftKey && e.key.toLowerCase() === 'z'))) { e.preventDefault(); redo(); }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  useEffect(() => {
    const onBeforeUnload = (e) => { if (dirty) { e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const onNodesChange = useCallback((changes) => {
    if (changes.some((c) => c.type === 'remove')) record();
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, [record]);

  const onEdgesChange = useCallback((changes) => {
    if (changes.some((c) => c.type === 'remove')) record();
    setEdges((es) => applyEdgeChanges(changes, es));
  }, [record]);

  /** Connects an outcome to a node; an outcome leads to one step only, except on a Fork. */
  const connect = useCallback((source, outcome, target) => {
    record();
    setEdges((es) => {
      const node = state.current.nodes.find((n) => n.id === source);
      const parallel = node && catalog.byType[node.data.type]?.allowsParallelEdges;
      let next = parallel ? es : es.filter((e) => !(e.source === source && (e.data?.outcome || e.sourceHandle) === outcome));
      if (target && !next.some((e) => e.source === source && e.target === target && (e.data?.outcome || e.sourceHandle) === outcome)) next = [...next, makeEdge(source, outcome, target)];
      return next;
    });
  }, [catalog, record]);

  const onConnect = useCallback((p) => connect(p.source, p.sourceHandle || 'Done', p.target), [connect]);

  const addNode = useCallback((type, position) => {
    record();
    const descriptor = catalog.byType[type];
    const id = newNodeId(type, state.current.nodes);
    const center = position || flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    const node = { id, type: 'activity', position: center, selected: true, data: { type, name: descriptor?.name || type, settings: defaultSettings(type) } };
    setNodes((ns) => [...ns.map((n) => (n.selected ? { ...n, selected: false } : n)), node]);
    setEdges((es) => es.map((e) => (e.selected ? { ...e, selected: false } : e)));
    setTab('props');
  }, [catalog, flow, record]);

  const onDrop = useCallback((e) => {
    const type = e.dataTransfer.getData(DRAG_TYPE);
    if (!type) return;
    e.preventDefault();
    addNode(type, flow.screenToFlowPosition({ x: e.clientX - 115, y: e.clientY - 30 }));
  }, [addNode, flow]);

  const lastEdit = useRef({ key: '', at: 0 });
  const updateNode = useCallback((id, patch, field) => {
    // Typing in one field is one undo step, not one per key.
    const key = `${id}:${field || Object.keys(patch).join(',')}`;
    const now = Date.now();
    if (key !== lastEdit.current.key || now - lastEdit.current.at > 1500) record();
    else setDirty(true);
    lastEdit.current = { key, at: now };
    setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)));
  }, [record]);

  const renameNode = useCallback((from, to) => {
    record();
    setNodes((ns) => ns.map((n) => (n.id === from ? { ...n, id: to } : n)));
    setEdges((es) => es.map((e) => {
      const s = e.source === from ? to : e.source;
      const t = e.target === from ? to : e.target;
      return s === e.source && t === e.target ? e : { ...makeEdge(s, e.data?.outcome || e.sourceHandle, t), selected: e.selected };
    }));
  }, [record]);

  const deleteNode = useCallback((id) => {
    record();
    setNodes((ns) => ns.filter((n) => n.id !== id));
    setEdges((es) => es.filter((e) => e.source !== id && e.target !== id));
  }, [record]);

  const layout = useCallback(() => {
    record();
    setNodes((ns) => autoLayout(ns, state.current.edges));
    setTimeout(() => flow.fitView({ padding: 0.15, duration: 300 }), 50);
  }, [flow, record]);

  const select = useCallback((nodeId, edgeIndex) => {
    const target = edgeIndex != null ? state.current.edges[edgeIndex] : null;
    setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === nodeId })));
    setEdges((es) => es.map((e) => ({ ...e, selected: target ? e.id === target.id : false })));
    const focus = state.current.nodes.find((n) => n.id === (nodeId || target?.source));
    if (focus) flow.setCenter(focus.position.x + 115, focus.position.y + 40, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    if (nodeId) setTab('props');
  }, [flow]);

  const currentDefinition = () => toDefinition(state.current.meta, state.current.nodes, state.current.edges);

  const saveDraft = async () => {
    setBusy(true);
    try {
      const draft = await api('PUT', `/api/definitions/${encodeURIComponent(definitionId)}/draft`, { definition: currentDefinition(), basedOnVersion: basedOn });
      setDraftInfo({ updatedAt: draft.updatedAt, updatedBy: draft.updatedBy });
      setDirty(false);
      setMessage({ kind: 'success', text: `Đã lưu bản nháp lúc ${formatTime(draft.updatedAt)}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: e.message });
      if (e.errors.length) setErrors(e.errors);
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setBusy(true);
    try {
      const r = await api('POST', `/api/definitions/${encodeURIComponent(definitionId)}/publish`, { definition: currentDefinition(), note, basedOnVersion: basedOn });
      setBasedOn(r.version);
      setDirty(false);
      setDraftInfo(null);
      setPublishing(false);
      setNote('');
      setVersions(await api('GET', `/api/definitions/${encodeURIComponent(definitionId)}/versions`));
      setMessage({ kind: 'success', text: `Đã ban hành phiên bản ${r.version}. Hồ sơ gửi từ bây giờ chạy theo phiên bản này; hồ sơ đang xét giữ phiên bản cũ.` });
    } catch (e) {
      setMessage({ kind: 'error', text: e.message });
      if (e.errors.length) { setErrors(e.errors); setTab('errors'); }
    } finally {
      setBusy(false);
    }
  };

  const discardDraft = async () => {
    if (!window.confirm('Bỏ bản nháp và quay về phiên bản đã ban hành mới nhất?')) return;
    await api('DELETE', `/api/definitions/${encodeURIComponent(definitionId)}/draft`);
    await load();
    setMessage({ kind: 'success', text: 'Đã bỏ bản nháp.' });
  };

  const exportJson = () => {
    const blob = new Blob([JSON.stringify(currentDefinition(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${definitionId}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const importJson = async (file) => {
    if (!file) return;
    try {
      const text = await file.text();
      const r = await api('POST', '/api/definitions/import', text, true);
      if (r.id !== definitionId) {
        window.location.href = `/thiet-ke/${encodeURIComponent(r.id)}`;
        return;
      }
      await load();
      setMessage({ kind: r.valid ? 'success' : 'warning', text: r.valid ? `Đã nhập tệp ${file.name} thành bản nháp.` : `Đã nhập tệp ${file.name} thành bản nháp; còn ${r.errors.length} lỗi cần sửa.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `${e.message} ${e.errors.map((x) => x.message).join(' ')}` });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  // What the canvas shows: errors on nodes and edges, the test-run path, outcome labels on edges.
  const edgeErrorIds = useMemo(() => {
    const ids = {};
    for (const e of errors) if (e.edgeIndex != null && edges[e.edgeIndex]) (ids[edges[e.edgeIndex].id] ||= []).push(e);
    return ids;
  }, [errors, edges]);

  const shownNodes = useMemo(() => nodes.map((n) => {
    const nodeErrors = errors.filter((e) => e.nodeId === n.id);
    let hl = null;
    if (highlight) {
      if (highlight.waiting.has(n.id)) hl = 'waiting';
      else if (highlight.visited.has(n.id)) hl = 'visited';
      else hl = 'dim';
    }
    if (!nodeErrors.length && !hl && !n.data.errors && !n.data.highlight) return n;
    return { ...n, data: { ...n.data, errors: nodeErrors, highlight: hl } };
  }), [nodes, errors, highlight]);

  const shownEdges = useMemo(() => edges.map((e) => {
    const outcome = e.data?.outcome || e.sourceHandle;
    const bad = edgeErrorIds[e.id];
    const taken = highlight && highlight.edges.has(`${e.source}::${outcome}`);
    const classes = [bad ? 'edge-error' : '', taken ? 'edge-taken' : '', highlight && !taken ? 'edge-dim' : ''].filter(Boolean).join(' ');
    return {
      ...e,
      type: 'smoothstep',
      label: outcome === 'Done' ? undefined : outcomeLabel(catalog, outcome),
      className: classes,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      data: { ...e.data, outcome, errors: bad },
    };
  }), [edges, edgeErrorIds, highlight, catalog]);

  const usedOutcomes = useMemo(() => {
    const map = {};
    for (const e of edges) (map[e.source] ||= []).includes(e.data?.outcome) || map[e.source].push(e.data?.outcome || e.sourceHandle);
    return map;
  }, [edges]);

  if (!meta) {
    return message ? <div className={`alert ${message.kind}`} role="alert">{message.text}</div> : <p className="muted">Đang tải quy trình…</p>;
  }

  const selectedNode = nodes.find((n) => n.selected) || null;
  const selectedEdge = edges.find((e) => e.selected) || null;
  const canPublish = validatedOnce && !validating && errors.length === 0 && !busy;
  const globalErrors = errors.filter((e) => !e.nodeId && e.edgeIndex == null);

  return (
    <CatalogContext.Provider value={{ catalog, usedOutcomes }}>
      <div className="designer">
        <div className="designer-bar">
          <div className="title">
            <input className="def-name" aria-label="Tên quy trình" value={meta.name} onChange={(e) => { record(); setMeta({ ...meta, name: e.target.value }); }} />
            <span className="muted small"><code>{meta.id}</code> · {basedOn ? `dựa trên phiên bản ${basedOn}` : 'chưa ban hành'}
              {draftInfo ? ` · bản nháp lưu ${formatTime(draftInfo.updatedAt)} bởi ${draftInfo.updatedBy}` : ''}
              {dirty ? ' · có thay đổi chưa lưu' : ''}</span>
          </div>
          <div className="actions">
            <button type="button" className="btn small secondary" onClick={undo} disabled={!past.current.length} title="Hoàn tác (Ctrl+Z)">↶ Hoàn tác</button>
            <button type="button" className="btn small secondary" onClick={redo} disabled={!future.current.length} title="Làm lại (Ctrl+Y)">↷ Làm lại</button>
            <button type="button" className="btn small secondary" onClick={layout}>Tự sắp xếp</button>
            <button type="button" className="btn small secondary" onClick={exportJson}>Xuất JSON</button>
            <button type="button" className="btn small secondary" onClick={() => fileInput.current?.click()}>Nhập JSON</button>
            <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="import-file" onChange={(e) => importJson(e.target.files?.[0])} />
            {draftInfo && <button type="button" className="btn small secondary" onClick={discardDraft}>Bỏ bản nháp</button>}
            <button type="button" className="btn small" onClick={saveDraft} disabled={busy}>Lưu nháp</button>
            <button type="button" className="btn small approve" onClick={() => setPublishing(true)} disabled={!canPublish}
              title={canPublish ? 'Ban hành thành phiên bản mới' : 'Còn lỗi: sửa hết lỗi trước khi ban hành'}>Ban hành</button>
          </div>
        </div>
        <div className={`validation-status ${errors.length ? 'bad' : 'ok'}`} data-testid="validation-status" role="status">
          {validating ? 'Đang kiểm tra…' : errors.length ? `Còn ${errors.length} lỗi – chưa ban hành được.` : validatedOnce ? 'Quy trình hợp lệ.' : ''}
        </div>
        {message && (
          <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="designer-message">
            {message.text} <button type="button" className="icon" aria-label="Đóng" onClick={() => setMessage(null)}>×</button>
          </div>
        )}
        {publishing && (
          <div className="publish-box card">
            <label htmlFor="publish-note"><strong>Ghi chú cho phiên bản mới</strong></label>
            <textarea id="publish-note" value={note} maxLength={1000} placeholder="Ví dụ: thêm bước Phó giám đốc xem xét" onChange={(e) => setNote(e.target.value)} />
            <div className="row">
              <button type="button" className="btn approve" onClick={publish} disabled={!canPublish}>Xác nhận ban hành</button>
              <button type="button" className="btn secondary" onClick={() => setPublishing(false)}>Thôi</button>
            </div>
          </div>
        )}
        <div className="designer-main">
          <Toolbox catalog={catalog} onAdd={(t) => addNode(t)} />
          <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop} data-testid="canvas">
            <ReactFlow
              nodes={shownNodes}
              edges={shownEdges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onNodeDragStart={() => { dragStart.current = snapshot(); }}
              onNodeDragStop={() => { if (dragStart.current) record(dragStart.current); dragStart.current = null; }}
              deleteKeyCode={['Delete', 'Backspace']}
              fitView
              minZoom={0.2}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
              <MiniMap pannable zoomable />
            </ReactFlow>
          </div>
          <aside className="side">
            <div className="tabs" role="tablist">
              <button type="button" role="tab" className={tab === 'props' ? 'active' : ''} onClick={() => setTab('props')}>Thuộc tính</button>
              <button type="button" role="tab" className={tab === 'errors' ? 'active' : ''} onClick={() => setTab('errors')} data-testid="tab-errors">
                Lỗi {errors.length ? <span className="badge Rejected">{errors.length}</span> : null}
              </button>
              <button type="button" role="tab" className={tab === 'history' ? 'active' : ''} onClick={() => setTab('history')}>Lịch sử</button>
              <button type="button" role="tab" className={tab === 'test' ? 'active' : ''} onClick={() => setTab('test')}>Chạy thử</button>
            </div>
            <div className="tab-body">
              {tab === 'props' && (selectedEdge && !selectedNode ? (
                <div className="props">
                  <h3>Nối</h3>
                  <p>Từ <strong>{nodes.find((n) => n.id === selectedEdge.source)?.data.name || selectedEdge.source}</strong>, khi
                    {' '}<strong>{outcomeLabel(catalog, selectedEdge.data?.outcome)}</strong>, tới <strong>{nodes.find((n) => n.id === selectedEdge.target)?.data.name || selectedEdge.target}</strong>.</p>
                  {(edgeErrorIds[selectedEdge.id] || []).map((e, i) => <p key={i} className="field-errors">{e.message}</p>)}
                  <button type="button" className="btn small reject" onClick={() => { record(); setEdges((es) => es.filter((x) => x.id !== selectedEdge.id)); }}>Xóa nối này</button>
                  <p className="hint">Phím Delete cũng xóa nối hoặc bước đang chọn.</p>
                </div>
              ) : (
                <PropertyPanel node={selectedNode} nodes={nodes} edges={edges} catalog={catalog} errors={errors}
                  onChange={updateNode} onRename={renameNode} onConnect={connect} onDelete={deleteNode} />
              ))}
              {tab === 'errors' && (
                <div data-testid="error-list">
                  {errors.length === 0 ? <p className="ok-text">Không có lỗi.</p> : (
                    <ul className="error-list">
                      {globalErrors.map((e, i) => <li key={`g${i}`}>{e.message}</li>)}
                      {errors.filter((e) => e.nodeId || e.edgeIndex != null).map((e, i) => {
                        const where = e.nodeId ? (nodes.find((n) => n.id === e.nodeId)?.data.name || e.nodeId) : `Nối #${e.edgeIndex + 1}`;
                        return (
                          <li key={i}>
                            <button type="button" className="link" onClick={() => select(e.nodeId, e.edgeIndex)}>{where}</button>: {e.message}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </div>
              )}
              {tab === 'history' && (
                <HistoryPanel definitionId={definitionId} versions={versions} hasDraft={!!draftInfo}
                  onChanged={async (text) => { await load(); setMessage({ kind: 'success', text }); }} />
              )}
              {tab === 'test' && (
                <TestRunPanel definitionId={definitionId} catalog={catalog} getDefinition={currentDefinition}
                  onResult={(r) => {
                    if (!r) { setHighlight(null); return; }
                    const mine = r.path.filter((s) => s.depth === 0);
                    setHighlight({
                      visited: new Set(mine.map((s) => s.nodeId)),
                      waiting: new Set(r.waitingAt.filter((w) => w.definitionId === definitionId).map((w) => w.nodeId)),
                      edges: new Set(mine.filter((s) => s.outcome).map((s) => `${s.nodeId}::${s.outcome}`)),
                    });
                  }} />
              )}
            </div>
          </aside>
        </div>
      </div>
    </CatalogContext.Provider>
  );
}

export function buildCatalog(raw) {
  const byType = {};
  for (const a of raw.activities) byType[a.type] = a;
  return { ...raw, byType };
}

export default function Designer({ definitionId }) {
  const [catalog, setCatalog] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', '/api/activities').then((c) => setCatalog(buildCatalog(c))).catch((e) => setError(e.message));
  }, []);
  if (error) return <div className="alert error" role="alert">{error}</div>;
  if (!catalog) return <p className="muted">Đang tải danh mục hoạt động…</p>;
  return (
    <ReactFlowProvider>
      <Editor definitionId={definitionId} catalog={catalog} />
    </ReactFlowProvider>
  );
}

export { declaredOutcomes };
