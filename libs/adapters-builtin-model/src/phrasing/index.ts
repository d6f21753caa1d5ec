export * from './phrases';
export * from './spoken';
export { speechChunks } from './speech-chunks';
