// The folder's public face: reading extensions' event declarations and the snapshot in force.
export * from './limits';
export * from './readDeclaration';
export * from './declaredEvents';
export * from './current';
export * from './installed';
export * from './senderEvents';
