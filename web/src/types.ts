// Shapes the API returns, as the web app uses them (the server's zod schemas are the authority).
import type { IncidentStatus } from '../../src/taxonomy.ts';

export type Span = [number, number];
export type Status = IncidentStatus;
export type Role = 'viewer' | 'editor' | 'admin';

export interface UserInfo {
  id: string;
  name: string;
  role: Role;
}

export interface Count {
  value: number;
  min: number;
  max: number;
  approximate: boolean;
  text: string;
  span: Span | null;
}

export interface Actor {
  role: 'perpetrator' | 'victim' | 'target';
  id: string;
  name: string;
  group?: string;
  span: Span | null;
}

export interface Location {
  name: string;
  name_ar?: string | null;
  gazetteer_id?: string | null;
  lat: number | null;
  lon: number | null;
  country?: string | null;
  admin1?: string | null;
  admin2?: string | null;
  admin3?: string | null;
  kind?: string | null;
  role?: 'location' | 'origin' | 'destination';
  precision: number | null;
  span: Span | null;
}

export interface TimeRange {
  start: string | null;
  end: string | null;
  precision: number | null;
  text: string | null;
  span: Span | null;
  anchored?: boolean;
}

export interface Incident {
  id: string;
  documentId: string;
  type: string;
  status: Status;
  clusterId: string | null;
  updatedAt: string;
  acled: { event_type: string; sub_event_type: string } | null;
  violations: string[];
  actors: Actor[];
  locations: Location[];
  time: TimeRange | null;
  counts: Partial<Record<string, Count>>;
  methods: Array<{ id: string; span: Span | null }>;
  accusations: Array<{ id: string; span: Span | null }>;
  attribution: { text: string; span: Span | null } | null;
  /** page: for PDFs and scans, the page the evidence starts on */
  evidence: Array<{ span: Span; page?: number }>;
  summary_en: string;
  confidence: number;
  issues?: Array<{ code: string; stage: string; message: string; span: Span | null }>;
  /** present when restricted (editors and admins only): by its own flag, by its document's */
  restricted?: { incident: boolean; document: boolean };
}

export interface ListRow {
  id: string;
  documentId: string;
  type: string;
  status: Status;
  summary_en: string;
  actors: Array<{ role: string; id: string; name: string }>;
  locations: Array<{
    name: string;
    name_ar: string | null;
    lat: number | null;
    lon: number | null;
    admin1: string | null;
  }>;
  time: { start: string | null; end: string | null } | null;
  counts: Record<string, number | undefined>;
  confidence: number;
  clusterId: string | null;
  restricted?: boolean;
}

export interface Review {
  id: string;
  incidentId: string;
  userName: string | null;
  action: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  note: string | null;
  at: string;
}

export interface DocumentView {
  document: {
    id: string;
    title: string | null;
    lang: 'ar' | 'en';
    url: string | null;
    published: string | null;
    text: string;
    version: number;
    /** seen by editors and admins only; who set it: an ingest rule or an editor */
    restricted?: boolean;
    restrictedBy?: 'ingest' | 'editor' | null;
    /** the issues of its extraction: incidents cut by the per-document limit, a spent time budget */
    issues?: Array<{ code: string; stage: string; message: string; span: Span | null }>;
  };
  alternates: Array<{
    id: string;
    lang: string;
    title: string | null;
    url: string | null;
    published: string | null;
    restricted?: boolean;
  }>;
  incidents: Array<{
    id: string;
    type: string;
    status: Status;
    summary_en: string;
    evidence: Array<{ span: Span; page?: number }>;
    restricted?: boolean;
  }>;
}
