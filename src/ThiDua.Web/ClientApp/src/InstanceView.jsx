import { useEffect, useMemo, useState } from 'react';
import { ReactFlow, ReactFlowProvider, Background, Controls, MarkerType } from '@xyflow/react';
import ActivityNode from './ActivityNode.jsx';
import { CatalogContext } from './context.js';
import { api } from './api.js';
import { toFlow, outcomeLabel, formatTime } from './model.js';

const nodeTypes = { activity: ActivityNode };
const STATUS = { Running: 'Đang chạy', Completed: 'Đã xong', Cancelled: 'Đã hủy', Faulted: 'Lỗi' };


/** One instance drawn read-only: current steps in amber, passed steps in green, taken branches in green. */
function InstanceGraph({ instance, catalog }) {
  const { nodes, edges, used, height } = useMemo(() => {
    const f = toFlow(instance.definition);
    const current = new Set(instance.current);
    const passed = new Set(instance.completed);
    const took = instance.outcomes || {};
    const ns = f.nodes.map((n) => ({
      ...n,
      draggable: false,
      connectable: false,
      data: { ...n.data, highlight: current.has(n.id) ? 'waiting' : passed.has(n.id) ? 'visited' : 'dim' },
    }));
    const usedOutcomes = {};
    const es = f.edges.map((e) => {
      const outcome = e.data.outcome;
      (usedOutcomes[e.source] ||= []).push(outcome);
      const taken = passed.has(e.source) && (passed.has(e.target) || current.has(e.target)) && (!took[e.source] || took[e.source].includes(outcome));
      return {
        ...e,
        type: 'smoothstep',
        label: outcome === 'Done' ? undefined : outcomeLabel(catalog, outcome),
        className: taken ? 'edge-taken' : 'edge-dim',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      };
    });
    // Tall chains get a tall canvas so steps stay readable; the page scrolls instead of the graph shrinking.
    const ys = ns.map((n) => n.position.y);
    const span = ys.length ? Math.max(...ys) - Math.min(...ys) + 120 : 300;
    return { nodes: ns, edges: es, used: usedOutcomes, height: Math.min(1100, Math.max(320, span * 0.8)) };
  }, [instance, catalog]);

  return (
    <CatalogContext.Provider value={{ catalog, usedOutcomes: used }}>
      <section className="card instance" data-testid={`instance-${instance.definitionId}`}>
        <h2>{instance.name} <span className="muted small">({instance.definitionId}, phiên bản {instance.version})</span>
          <span className={`badge ${instance.status === 'Running' ? 'InProgress' : instance.status === 'Completed' ? 'Approved' : 'Rejected'}`}>{STATUS[instance.status] || instance.status}</span></h2>
        <p className="small muted">Bắt đầu {formatTime(instance.startedAt)}{instance.completedAt ? ` · kết thúc ${formatTime(instance.completedAt)}` : ''}
          {instance.calledFromNode ? ` · được gọi từ bước “${instance.calledFromNode}”` : ''}</p>
        <div className="instance-canvas" style={{ height }}>
          <ReactFlowProvider>
            <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ maxZoom: 1, padding: 0.08 }} zoomOnScroll={false} preventScrolling={false} nodesDraggable={false} nodesConnectable={false}
              elementsSelectable={false} deleteKeyCode={null} minZoom={0.2} proOptions={{ hideAttribution: true }}>
              <Background gap={16} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </ReactFlowProvider>
        </div>
      </section>
    </CatalogContext.Provider>
  );
}

/** The dossier's chain and the sub-workflows it called, each at the version it runs on. */
export default function InstanceView({ dossierId }) {
  const [graph, setGraph] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', `/api/dossiers/${dossierId}/workflow-graph`).then(setGraph).catch((e) => setError(e.message));
  }, [dossierId]);
  const catalog = useMemo(() => {
    if (!graph) return null;
    const byType = {};
    for (const a of graph.activities) byType[a.type] = a;
    return { byType, outcomeLabels: graph.outcomeLabels, readOnly: true };
  }, [graph]);
  if (error) return <div className="alert error" role="alert">{error}</div>;
  if (!graph) return <p className="muted">Đang tải sơ đồ…</p>;
  if (!graph.instances.length) return <p className="muted">Hồ sơ chưa được gửi nên chưa có quy trình.</p>;
  return (
    <div className="instance-view">
      <div className="legend" aria-label="Chú thích">
        <span className="lg waiting">Bước đang chờ xử lý</span>
        <span className="lg visited">Bước đã qua</span>
        <span className="lg dim">Bước chưa tới</span>
      </div>
      {graph.instances.map((i) => <InstanceGraph key={i.id} instance={i} catalog={catalog} />)}
    </div>
  );
}
