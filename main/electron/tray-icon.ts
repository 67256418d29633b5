// The tray icon as data (16×16 PNG), so the shell needs no resource files to run.
import { nativeImage, type NativeImage } from 'electron';

const TRAY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAVUlEQVR42q3TuxEAIAgDUJdxMsd3CD+FBSKQcOaOgiKvSym/MlZq6/Cp8kkK2U8GEUAGUQCLPAEGMQEUcQEECYEIgQAPgQELoYAXQgM3IvbAIt9WPAHNExAbUU+dzwAAAABJRU5ErkJggg==';

export function trayIcon(): NativeImage {
  return nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_PNG}`);
}
