export * from './grade';
export * from './daily-stats';
