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
import { generalModel, parseModel, professionalModel, resolveModel, type ProfessionalModel, type ResolvedModel } from './model.ts';

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

export interface ModelSet {
  general: ResolvedModel;
  /** The professional model resolved onto the general one, by the segment it grades. */
  bySegment: Map<string, ResolvedModel>;
  professional: ProfessionalModel[];
}

export function loadModels(files: Record<string, unknown> = shippedModelFiles): ModelSet {
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
  return { general: resolveModel(base), bySegment, professional };
}

/** The model that grades an entity: its segment's professional model, else the general one. */
export const modelFor = (models: ModelSet, segment: string) => models.bySegment.get(segment) ?? models.general;
