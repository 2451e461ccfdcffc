/** Entry point bundled by the worker: every workflow type it serves. */
export { SlateWorkflow, slateProgressQuery } from './slate';
