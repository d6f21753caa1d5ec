export { BuiltinReceptionistModel, type BuiltinReceptionistModelOptions } from './builtin-receptionist-model';
export * from './nlu';
export { speechChunks } from './phrasing';
