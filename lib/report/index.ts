export { renderReport, type ReportInput } from './report';
export { esc } from './html';
