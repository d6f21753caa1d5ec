export { readHistory, type HistoryEvent, type ToolExchange, type ToolInvocation } from './history';
export { trackDialogue, type TrackedDialogue } from './tracker';
export { remind, remindersGiven } from './reminder';
export { askAgain } from './ask-again';
export type { Decision, ToolRequest } from './decision';
export type { DialogueEnvironment } from './environment';
export type { DialogueState, Pending, Question, Task, TaskKind } from './state';
