// Small fetch wrapper: JSON in and out, ProblemDetails turned into an Error with the Vietnamese message.
let token = '';

export function setAntiforgery(value) {
  token = value || '';
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Lỗi máy chủ (${status}).`);
    this.status = status;
    this.problem = problem || {};
    this.errors = (problem && problem.errors && Array.isArray(problem.errors)) ? problem.errors : [];
  }
}

export async function api(method, url, body, raw) {
  const headers = { Accept: 'application/json' };
  if (token) headers.RequestVerificationToken = token;
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = raw ? body : JSON.stringify(body);
  }
  const response = await fetch(url, init);
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
