/** Saves file content through the browser's download (both Electron and web mode). */
export function downloadData(fileName: string, data: string, encoding: 'utf8' | 'base64' = 'utf8', mediaType = 'application/octet-stream'): void {
  let blob: Blob;
  if (encoding === 'base64') {
    const bin = atob(data);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    blob = new Blob([bytes], { type: mediaType });
  } else {
    blob = new Blob([data], { type: mediaType });
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadData(fileName, text, 'utf8', type);
}
