// Builders for small, realistic SIP messages used by the format tests.

/** A SIP message with CRLF line breaks and a correct Content-Length. */
export function sip(startLine: string, headers: string[], body = ''): string {
  const bodyCrlf = body.replace(/\r?\n/g, '\r\n');
  const lines = [startLine, ...headers, `Content-Length: ${Buffer.byteLength(bodyCrlf)}`];
  return lines.join('\r\n') + '\r\n\r\n' + bodyCrlf;
}

export const SDP = 'v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0 8\na=rtpmap:0 PCMU/8000\n';

export function invite(callId = 'call-1@10.0.0.1', cseq = 1): string {
  return sip(
    'INVITE sip:1002@10.0.0.2:5060 SIP/2.0',
    [
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-' + cseq,
      'Max-Forwards: 70',
      'From: "Alice" <sip:1001@10.0.0.1>;tag=a1',
      'To: <sip:1002@10.0.0.2>',
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} INVITE`,
      'Contact: <sip:1001@10.0.0.1:5060>',
      'Content-Type: application/sdp',
    ],
    SDP,
  );
}

export function response(code: string, callId = 'call-1@10.0.0.1', body = ''): string {
  return sip(
    `SIP/2.0 ${code}`,
    [
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1',
      'From: "Alice" <sip:1001@10.0.0.1>;tag=a1',
      'To: <sip:1002@10.0.0.2>;tag=b2',
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      ...(body ? ['Content-Type: application/sdp'] : []),
    ],
    body,
  );
}

export function toLf(s: string): string {
  return s.replace(/\r\n/g, '\n');
}

/** Line index (0-based) of the first line containing `needle` at or after `from`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i;
  throw new Error(`not found: ${needle}`);
}
