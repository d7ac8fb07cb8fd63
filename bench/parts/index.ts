/** The benchmark parts in the order they run; each returns its numbers and the table rows made from them. */
import type { Section } from '../lib/report';
import { pipelinePart } from './pipeline-part';
import { searchPart } from './search-part';
import { addPhotosPart } from './add-photos-part';
import { sitePart } from './site-part';

export interface PartContext {
  quick: boolean;
}

export interface PartResult {
  data: Record<string, unknown>;
  /** One table section, or several for a part that measures several things on one running site. */
  section: Section | Section[];
}

export interface Part {
  name: string;
  run(context: PartContext): Promise<PartResult>;
}

export const PARTS = [pipelinePart, searchPart, sitePart, addPhotosPart] as const satisfies readonly Part[];
export type PartName = (typeof PARTS)[number]['name'];
