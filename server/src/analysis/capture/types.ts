// Shapes shared by the layers of the capture reader. Pure: no I/O, no editor imports.

import type { CaptureFormat, IcmpAnswer } from '../types';

export type CaptureContainer = CaptureFormat;

export interface CaptureDetection {
  container: CaptureContainer;
  gzip: boolean;
}

/** One SIP message found in a capture, with where and when it was seen. */
export interface CapturedSip {
  /** 1-based frame number, as Wireshark counts them: the frame that completed the message. */
  frame: number;
  /** Capture time in microseconds since the Unix epoch. */
  timeUs: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  /** `udp`, `tcp`, `sctp`, `ws`. */
  transport: string;
  bytes: Uint8Array;
  /** The message was cut short by the capture (snap length, end of file). */
  incomplete: boolean;
  /** Number of IP fragments it was rebuilt from (2 or more); absent when it was not fragmented. */
  fragments?: number;
  /**
   * Every frame that carried the message (IP fragments, TCP segments, SCTP fragments), in frame
   * order, when the reader was asked to keep them and there was more than `frame`.
   */
  frames?: number[];
  /** An ICMP destination unreachable that quoted this very packet. */
  icmp?: IcmpAnswer;
}

/**
 * One packet record of a capture file: bytes `offset` to `offset + length` of `data`. The
 * container reader reuses one record object for every packet, so a layer that keeps anything
 * copies it.
 */
export interface PacketRecord {
  frame: number;
  timeUs: number;
  linkType: number;
  data: Uint8Array;
  offset: number;
  length: number;
  /** Length of the packet on the wire; more than `length` when the snap length cut it. */
  originalLength: number;
}
