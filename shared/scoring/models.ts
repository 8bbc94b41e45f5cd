/**
 * The shipped models, validated when loaded, and which one grades an entity of a given segment. Imported
 * statically so that they travel inside a function's bundle; a test checks that every file in models/ is here.
 */
import general from '../../models/general.v1.json' with { type: 'json' };
import advertising from '../../models/advertising.v1.json' with { type: 'json' };
import catering from '../../models/catering.v1.json' with { type: 'json' };
import cosmetics from '../../models/cosmetics.v1.json' with { type: 'json' };
import drugProduction from '../../models/drug-production.v1.json' with { type: 'json' };
import drugRetail from '../../models/drug-retail.v1.json' with { type: 'json' };
import foodAdditives from '../../models/food-additives.v1.json' with { type: 'json' };
import foodCirculation from '../../models/food-circulation.v1.json' with { type: 'json' };
import foodProduction from '../../models/food-production.v1.json' with { type: 'json' };
import industrialProducts from '../../models/industrial-products.v1.json' with { type: 'json' };
import measurement from '../../models/measurement.v1.json' with { type: 'json' };
import medicalDevices from '../../models/medical-devices.v1.json' with { type: 'json' };
import onlineTrading from '../../models/online-trading.v1.json' with { type: 'json' };
import retail from '../../models/retail.v1.json' with { type: 'json' };
import services from '../../models/services.v1.json' with { type: 'json' };
import specialEquipment from '../../models/special-equipment.v1.json' with { type: 'json' };
import specialFood from '../../models/special-food.v1.json' with { type: 'json' };
import learnedCatering from '../../models/learned/catering.v1.json' with { type: 'json' };
import registry from '../../models/learned/registry.json' with { type: 'json' };
import * as z from 'zod/mini';
import { learnedModel, type LearnedModel } from './learned.ts';
import { generalModel, ModelError, parseModel, professionalModel, resolveModel, type ProfessionalModel, type ResolvedModel } from './model.ts';

export const shippedModelFiles: Record<string, unknown> = {
  'general.v1.json': general,
  'advertising.v1.json': advertising,
  'catering.v1.json': catering,
  'cosmetics.v1.json': cosmetics,
  'drug-production.v1.json': drugProduction,
  'drug-retail.v1.json': drugRetail,
  'food-additives.v1.json': foodAdditives,
  'food-circulation.v1.json': foodCirculation,
  'food-production.v1.json': foodProduction,
  'industrial-products.v1.json': industrialProducts,
  'measurement.v1.json': measurement,
  'medical-devices.v1.json': medicalDevices,
  'online-trading.v1.json': onlineTrading,
  'retail.v1.json': retail,
  'services.v1.json': services,
  'special-equipment.v1.json': specialEquipment,
  'special-food.v1.json': specialFood,
};

/** The learned models (models/learned/), fitted by `npm run fit`, and the registry saying which segment uses which. */
export const shippedLearnedFiles: Record<string, unknown> = {
  'catering.v1.json': learnedCatering,
};
export const shippedRegistry: unknown = registry;

const registrySchema = z.object({ segments: z.record(z.string(), z.string().check(z.regex(/^[a-z0-9-]+@\d+\.\d+\.\d+$/, 'A model is named id@version'))) });

export interface ModelSet {
  general: ResolvedModel;
  /** The professional model resolved onto the general one, by the segment it grades. */
  bySegment: Map<string, ResolvedModel>;
  professional: ProfessionalModel[];
  /** Every learned model, by id@version. */
  learned: Map<string, LearnedModel>;
  /** The learned model the registry selects for a segment (the others use their weighted model). */
  learnedBySegment: Map<string, LearnedModel>;
}

export function loadModels(files: Record<string, unknown> = shippedModelFiles, learnedFiles: Record<string, unknown> = shippedLearnedFiles, selection: unknown = shippedRegistry): ModelSet {
  const base = parseModel(generalModel, files['general.v1.json'], 'models/general.v1.json');
  const professional = Object.entries(files)
    .filter(([file]) => file !== 'general.v1.json')
    .map(([file, content]) => parseModel(professionalModel, content, `models/${file}`));
  const bySegment = new Map<string, ResolvedModel>();
  for (const model of professional) {
    const resolved = resolveModel(base, model);
    for (const segment of model.segments) {
      if (bySegment.has(segment)) throw new Error(`Segment ${segment} is graded by two professional models.`);
      bySegment.set(segment, resolved);
    }
  }
  const learned = new Map<string, LearnedModel>();
  for (const [file, content] of Object.entries(learnedFiles)) {
    const parsed = learnedModel.safeParse(content);
    if (!parsed.success) throw new ModelError(`models/learned/${file} is not a valid learned model:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(model)'}: ${i.message}`).join('\n')}`);
    learned.set(`${parsed.data.id}@${parsed.data.version}`, parsed.data);
  }
  const chosen = registrySchema.safeParse(selection);
  if (!chosen.success) throw new ModelError(`models/learned/registry.json is not a valid registry: ${chosen.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const learnedBySegment = new Map<string, LearnedModel>();
  for (const [segment, key] of Object.entries(chosen.data.segments)) {
    const model = learned.get(key);
    if (!model) throw new ModelError(`models/learned/registry.json selects ${key} for ${segment}, but no learned model is ${key}.`);
    if (!model.segments.includes(segment)) throw new ModelError(`models/learned/registry.json selects ${key} for ${segment}, which it was not fitted for (${model.segments.join(', ')}).`);
    learnedBySegment.set(segment, model);
  }
  return { general: resolveModel(base), bySegment, professional, learned, learnedBySegment };
}

/** The model that grades an entity: its segment's professional model, else the general one. */
export const modelFor = (models: ModelSet, segment: string) => models.bySegment.get(segment) ?? models.general;
