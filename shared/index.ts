// The library entry (package.json exports ".").
export * from './taxonomy.ts';
export type * from './types.ts';
export { classifyEmail, triageParsed, DEFAULT_CONFIDENCE_THRESHOLD, type TriageOptions } from './triage.ts';
export { redact } from './redact.ts';
export { parseEmail, MailTooLargeError } from './mail/parse.ts';
export { detectAutomated } from './mail/automated.ts';
export { detectLanguage } from './classify/language.ts';
export * from './articles/index.ts';
export * from './reply/compose-reply.ts';
export { evaluate, parseLabels, type EvalReport, type Label, type Prediction } from './eval/evaluate.ts';
