export * from './grade';
export * from './daily-stats';
export * from './live-scores';
