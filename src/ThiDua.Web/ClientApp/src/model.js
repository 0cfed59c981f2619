// Conversion between the definition JSON (the same shape as workflows/*.json) and React Flow nodes/edges.
import dagre from '@dagrejs/dagre';

export const SCHEMA = 'https://thidua.gov.vn/schemas/workflow-definition.v1.json';
export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 86;

export function asList(value) {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' && v.trim() !== '');
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

/** Outcomes a node declares, as the engine computes them (ActivityRegistry.DeclaredOutcomes). */
export function declaredOutcomes(descriptor, settings) {
  if (!descriptor) return [];
  const s = settings || {};
  if (descriptor.outcomesFrom === 'outcomes') return [...new Set(asList(s.outcomes))];
  if (descriptor.outcomesFrom === 'cases') {
    const cases = Array.isArray(s.cases) ? s.cases : [];
    const list = cases.map((c) => (c && typeof c.outcome === 'string' ? c.outcome.trim() : '')).filter(Boolean);
    list.push(typeof s.default === 'string' && s.default.trim() ? s.default.trim() : 'Default');
    return [...new Set(list)];
  }
  return descriptor.outcomes || [];
}

export function outcomeLabel(catalog, outcome) {
  return (catalog && catalog.outcomeLabels && catalog.outcomeLabels[outcome]) || outcome;
}

export function edgeId(from, outcome, to) {
  return `${from}::${outcome}::${to}`;
}

export function toFlow(definition, layoutFallback = true) {
  const layout = definition.layout || {};
  const nodes = (definition.nodes || []).map((n, i) => {
    const p = layout[n.id];
    return {
      id: n.id,
      type: 'activity',
      position: p && typeof p.x === 'number' ? { x: p.x, y: p.y } : { x: 250, y: 40 + i * 110 },
      data: { type: n.type, name: n.name || '', settings: n.settings ? JSON.parse(JSON.stringify(n.settings)) : {} },
    };
  });
  const edges = (definition.edges || []).map((e) => makeEdge(e.from, e.outcome || 'Done', e.to));
  const meta = {
    id: definition.id || '',
    name: definition.name || '',
    description: definition.description || '',
    variables: definition.variables || null,
  };
  const missing = nodes.some((n) => !layout[n.id]);
  return { meta, nodes: missing && layoutFallback ? autoLayout(nodes, edges) : nodes, edges };
}

export function makeEdge(from, outcome, to) {
  return { id: edgeId(from, outcome, to), source: from, sourceHandle: outcome, target: to, targetHandle: 'in', data: { outcome } };
}

/** The definition JSON for the current canvas; edges keep their order so a validation edgeIndex maps back to them. */
export function toDefinition(meta, nodes, edges) {
  const layout = {};
  const out = {
    $schema: SCHEMA,
    id: meta.id,
    name: meta.name,
  };
  if (meta.description) out.description = meta.description;
  out.nodes = nodes.map((n) => {
    const node = { id: n.id, type: n.data.type };
    if (n.data.name) node.name = n.data.name;
    const settings = cleanSettings(n.data.settings);
    if (Object.keys(settings).length) node.settings = settings;
    layout[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    return node;
  });
  out.edges = edges.map((e) => {
    const edge = { from: e.source };
    const outcome = e.data?.outcome || e.sourceHandle || 'Done';
    if (outcome !== 'Done') edge.outcome = outcome;
    edge.to = e.target;
    return edge;
  });
  if (meta.variables && Object.keys(meta.variables).length) out.variables = meta.variables;
  out.layout = layout;
  return out;
}

function cleanSettings(settings) {
  const out = {};
  for (const [k, v] of Object.entries(settings || {})) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

export function autoLayout(nodes, edges) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    g.setNode(n.id, { width: n.measured?.width || NODE_WIDTH, height: n.measured?.height || NODE_HEIGHT });
  }
  for (const e of edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  }
  dagre.layout(g);
  return nodes.map((n) => {
    const p = g.node(n.id);
    const w = n.measured?.width || NODE_WIDTH;
    const h = n.measured?.height || NODE_HEIGHT;
    return { ...n, position: { x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2) } };
  });
}

/** A new node id from the activity type: lowercase, unique within the graph. */
export function newNodeId(type, nodes) {
  const base = type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  const taken = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

export function isIdentifier(id) {
  return /^[a-z0-9._-]{1,100}$/.test(id);
}

/** Settings a freshly dropped node starts with, so it is close to valid. */
export function defaultSettings(type) {
  switch (type) {
    case 'Approval':
      return { org: 'unit', outcomes: ['Approve', 'Return', 'Reject'], dueWorkingDays: 5 };
    case 'CouncilVote':
      return { org: 'department', threshold: 0.8, quorum: '2/3', secret: true, dueWorkingDays: 5 };
    case 'End':
      return { result: 'Approved' };
    case 'SetStatus':
      return { label: '', state: 'InProgress' };
    case 'SendEmail':
      return { template: '', to: ['submitter'] };
    case 'Timer':
      return { workingDays: 10 };
    case 'Switch':
      return { cases: [{ outcome: 'CaNhan', match: 'all', conditions: [{ field: 'nomineeKind', op: 'eq', value: 'individual' }] }] };
    case 'Join':
      return { mode: 'all' };
    case 'CallWorkflow':
      return { definition: '', outcomes: ['Approved', 'Rejected'] };
    default:
      return {};
  }
}

/** A UTC timestamp from the API as Vietnamese local time (the server stores UTC). */
export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric',
  });
}
