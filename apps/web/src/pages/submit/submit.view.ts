import { MandateDto, StateDto } from '@spcomms/reference';
import { PageContext } from '../../render/page-context';
import { FormError, SUBMIT_CHOICES, SubmitForm } from './submit-form';

export interface Choice {
  value: string;
  label: string;
  checked: boolean;
  /** Set when the label is not in the page's language (mandate titles exist in English only). */
  lang?: string | null;
}

export interface SubmitView {
  form: SubmitForm;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  states: Choice[];
  mandates: Choice[];
  victimKinds: Array<{ value: string; label: string }>;
  genders: Array<{ value: string; label: string }>;
  ageGroups: Array<{ value: string; label: string }>;
  perpetratorKinds: Array<{ value: string; label: string }>;
  relations: Choice[];
  remedies: Choice[];
  confidentialFields: Choice[];
  canAddVictim: boolean;
  canAddPerpetrator: boolean;
}

export function submitView(
  input: { form: SubmitForm; errors: FormError[]; states: StateDto[]; mandates: MandateDto[]; maxRows: number },
  context: PageContext,
): SubmitView {
  const { form } = input;
  const t = context.t;
  const fieldErrors: Record<string, string> = {};
  for (const error of input.errors) {
    fieldErrors[error.field] ??= t(error.message, error.values);
  }
  const options = (list: readonly string[], prefix: string) =>
    list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  return {
    form,
    errors: input.errors.map((error) => ({ href: `#${error.field}`, text: t(error.message, error.values) })),
    fieldErrors,
    states: input.states
      .filter((state) => state.status !== 'pseudo')
      .map((state) => ({
        value: state.code,
        label: state.names?.[context.lang] ?? state.name,
        checked: form.stateCode === state.code,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, context.lang)),
    mandates: input.mandates
      .map((mandate) => ({
        value: mandate.code,
        label: mandate.title,
        checked: form.mandates.includes(mandate.code),
        lang: context.lang === 'en' ? null : 'en',
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en')),
    victimKinds: options(SUBMIT_CHOICES.victimKinds, 'submit.victim.kind'),
    genders: options(SUBMIT_CHOICES.genders, 'submit.victim.gender'),
    ageGroups: options(SUBMIT_CHOICES.ageGroups, 'submit.victim.ageGroup'),
    perpetratorKinds: options(SUBMIT_CHOICES.perpetratorKinds, 'submit.perpetrator.kind'),
    relations: SUBMIT_CHOICES.relations.map((value) => ({
      value,
      label: t(`submit.source.relation.${value}`),
      checked: form.source.relation === value,
    })),
    remedies: ['yes', 'no', 'unknown'].map((value) => ({
      value,
      label: t(`submit.remediesExhausted.${value}`),
      checked: form.remediesExhausted === value,
    })),
    confidentialFields: SUBMIT_CHOICES.confidentialFields.map((value) => ({
      value,
      label: t(`submit.confidential.${value}`),
      checked: form.confidentialFields.includes(value),
    })),
    canAddVictim: form.victims.length < input.maxRows,
    canAddPerpetrator: form.perpetrators.length < input.maxRows,
  };
}
