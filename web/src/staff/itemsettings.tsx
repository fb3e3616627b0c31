// The settings of quiz and assignment items in the course editor (new item
// and edit): a quiz's kind (quiz, pre-test, post-test), its questions (a
// fixed list from the course's bank, or a number drawn at random by tag),
// shuffled options, time limit, attempts, passing score, open/close times
// and review; an assignment's instructions, due date and late policy, the
// answer forms taken (text, file kinds and size) and the highest score.
// Times are entered in WIB and sent as UTC RFC 3339.

import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { useApi } from '../hooks';
import { t, tk } from '../i18n';
import { qt, type QKey } from '../pages/quiz-i18n';
import { tenantPath } from '../router';
import { Field } from '../ui';
import { loadBank, typeLabel } from './questions';

type Item = Schemas['Item'];
type QuizInput = Schemas['QuizSettingsInput'];
type AssignmentInput = Schemas['AssignmentSettingsInput'];
type UploadClass = Schemas['UploadClass'];

/** What a quiz or assignment item adds to the item request. */
export type KindFields = { quiz?: QuizInput; assignment?: AssignmentInput; body?: string };

const WIB = 7 * 3600 * 1000; // Asia/Jakarta has no daylight saving time

/** An instant as the value of a datetime-local input in WIB. */
export function toWIBInput(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + WIB).toISOString().slice(0, 16);
}

/** A datetime-local value read as WIB, as UTC RFC 3339 (undefined when empty or invalid). */
export function fromWIBInput(v: string): string | undefined {
  if (!v) return undefined;
  const ms = Date.parse(`${v.length === 16 ? v + ':00' : v}+07:00`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function ItemSettingsFields({
  kind,
  item,
  path,
  onChange,
}: {
  kind: string;
  item?: Item;
  path: { tenantId: string; courseId: string };
  onChange: (f: KindFields) => void;
}) {
  if (kind === 'quiz') return <QuizFields item={item} path={path} onChange={onChange} />;
  if (kind === 'assignment') return <AssignmentFields item={item} onChange={onChange} />;
  return null;
}

/** Links from a quiz or assignment item of the editor to its grading page. */
export function GradingLink({ item, path }: { item: Item; path: { tenantId: string; courseId: string } }) {
  if (item.kind !== 'quiz' && item.kind !== 'assignment') return null;
  return (
    <p class="small">
      <a href={tenantPath(path.tenantId, 'kelola', 'kursus', path.courseId, 'materi', item.id, 'penilaian')}>
        {item.kind === 'quiz' ? qt('grade.quizLink', { title: item.title }) : qt('grade.assignmentLink', { title: item.title })}
      </a>
    </p>
  );
}

function QuizFields({ item, path, onChange }: { item?: Item | undefined; path: { tenantId: string; courseId: string }; onChange: (f: KindFields) => void }) {
  const q = item?.quiz;
  const [kind, setKind] = useState<Schemas['QuizKind']>(q?.kind ?? 'quiz');
  const [random, setRandom] = useState(!!q?.randomCount);
  const [ids, setIds] = useState<string[]>(q?.questionIds ?? []);
  const [count, setCount] = useState(String(q?.randomCount ?? 10));
  const [tags, setTags] = useState((q?.randomTags ?? []).join(', '));
  const [shuffle, setShuffle] = useState(q?.shuffleOptions ?? true);
  const [minutes, setMinutes] = useState(String(q?.timeLimitMinutes ?? 0));
  const [attempts, setAttempts] = useState(String(q?.maxAttempts ?? 0));
  const [pass, setPass] = useState(String(q?.passPercent ?? 70));
  const [opens, setOpens] = useState(toWIBInput(q?.opensAt));
  const [closes, setCloses] = useState(toWIBInput(q?.closesAt));
  const [review, setReview] = useState<Schemas['QuizReview']>(q?.review ?? 'after-submit');
  const [bank] = useApi(() => loadBank(path.tenantId, path.courseId), [path.courseId]);
  const fid = `qs-${item?.id ?? 'new'}`;

  useEffect(() => {
    const opensAt = fromWIBInput(opens);
    const closesAt = fromWIBInput(closes);
    const order = bank.state === 'ok' ? bank.data.map((x) => x.id).filter((id) => ids.includes(id)) : ids;
    onChange({
      quiz: {
        kind,
        ...(random ? { randomCount: Number(count) || 0, randomTags: tags.split(',').map((x) => x.trim()).filter(Boolean) } : { questionIds: order, randomCount: 0 }),
        shuffleOptions: shuffle,
        timeLimitMinutes: Number(minutes) || 0,
        maxAttempts: Number(attempts) || 0,
        passPercent: Number(pass) || 0,
        ...(opensAt ? { opensAt } : {}),
        ...(closesAt ? { closesAt } : {}),
        review,
      },
    });
  }, [kind, random, ids, count, tags, shuffle, minutes, attempts, pass, opens, closes, review, bank.state]);

  return (
    <fieldset class="bank-fieldset">
      <legend>{qt('qs.title')}</legend>
      <Field id={`${fid}-kind`} label={qt('qs.kind')}>
        <select id={`${fid}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as Schemas['QuizKind'])}>
          {(['quiz', 'pretest', 'posttest'] as const).map((k) => (
            <option value={k}>{qt(`quiz.kind.${k}` as QKey)}</option>
          ))}
        </select>
      </Field>
      <fieldset class="bank-fieldset">
        <legend>{qt('qs.questions')}</legend>
        <label class="check">
          <input type="radio" name={`${fid}-mode`} checked={!random} onChange={() => setRandom(false)} />
          {qt('qs.fixed')}
        </label>
        <label class="check">
          <input type="radio" name={`${fid}-mode`} checked={random} onChange={() => setRandom(true)} />
          {qt('qs.random')}
        </label>
        {random ? (
          <>
            <Field id={`${fid}-count`} label={qt('qs.count')}>
              <input id={`${fid}-count`} type={'number' as 'text'} min={1} max={200} value={count} onInput={(e) => setCount(e.currentTarget.value)} />
            </Field>
            <Field id={`${fid}-tags`} label={qt('qs.tags')} hint={qt('qs.tagsHint')}>
              <input id={`${fid}-tags`} value={tags} aria-describedby={`${fid}-tags-hint`} onInput={(e) => setTags(e.currentTarget.value)} />
            </Field>
          </>
        ) : bank.state === 'ok' ? (
          bank.data.length === 0 ? (
            <p class="muted small">
              {qt('qs.bankEmpty')} <a href={tenantPath(path.tenantId, 'kelola', 'kursus', path.courseId, 'soal')}>{qt('bank.title')}</a>
            </p>
          ) : (
            <ul class="qs-pick">
              {bank.data.map((x) => (
                <li>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={ids.includes(x.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setIds(on ? [...ids, x.id] : ids.filter((id) => id !== x.id));
                      }}
                    />
                    <span>
                      <span class="badge">{typeLabel(x.type)}</span> {x.text.length > 90 ? x.text.slice(0, 90) + '…' : x.text}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )
        ) : (
          <p class="muted small">{t('common.loading')}</p>
        )}
        {!random ? <p class="small muted">{qt('qs.picked', { n: ids.length })}</p> : null}
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={shuffle} onChange={(e) => setShuffle(e.currentTarget.checked)} />
        {qt('qs.shuffle')}
      </label>
      <Field id={`${fid}-min`} label={qt('qs.minutes')} hint={qt('qs.zeroNone')}>
        <input id={`${fid}-min`} type={'number' as 'text'} min={0} max={1440} value={minutes} aria-describedby={`${fid}-min-hint`} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-att`} label={qt('qs.attempts')} hint={qt('qs.zeroUnlimited')}>
        <input id={`${fid}-att`} type={'number' as 'text'} min={0} max={100} value={attempts} aria-describedby={`${fid}-att-hint`} onInput={(e) => setAttempts(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-pass`} label={qt('qs.pass')}>
        <input id={`${fid}-pass`} type={'number' as 'text'} min={0} max={100} value={pass} onInput={(e) => setPass(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-open`} label={qt('qs.opens')} hint={qt('qs.wibHint')}>
        <input id={`${fid}-open`} type={'datetime-local' as 'text'} value={opens} aria-describedby={`${fid}-open-hint`} onInput={(e) => setOpens(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-close`} label={qt('qs.closes')} hint={qt('qs.wibHint')}>
        <input id={`${fid}-close`} type={'datetime-local' as 'text'} value={closes} aria-describedby={`${fid}-close-hint`} onInput={(e) => setCloses(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-review`} label={qt('qs.review')}>
        <select id={`${fid}-review`} value={review} onChange={(e) => setReview(e.currentTarget.value as Schemas['QuizReview'])}>
          {(['after-submit', 'after-close', 'never'] as const).map((r) => (
            <option value={r}>{qt(`quiz.review.${r}` as QKey)}</option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}

const fileClasses: UploadClass[] = ['pdf', 'document', 'presentation', 'image', 'video', 'audio'];

function AssignmentFields({ item, onChange }: { item?: Item | undefined; onChange: (f: KindFields) => void }) {
  const a = item?.assignment;
  const [body, setBody] = useState(item?.body ?? '');
  const [due, setDue] = useState(toWIBInput(a?.dueAt));
  const [policy, setPolicy] = useState<Schemas['AssignmentLatePolicy']>(a?.latePolicy ?? 'accept');
  const [penalty, setPenalty] = useState(String(a?.penaltyPercent ?? 10));
  const [allowText, setAllowText] = useState(a?.allowText ?? true);
  const [allowFile, setAllowFile] = useState(a?.allowFile ?? true);
  const [kinds, setKinds] = useState<UploadClass[]>(a?.fileKinds ?? ['pdf', 'document']);
  const [size, setSize] = useState(String(a?.maxSizeMb ?? 20));
  const [max, setMax] = useState(String(a?.maxScore ?? 100));
  const fid = `as-${item?.id ?? 'new'}`;

  useEffect(() => {
    const dueAt = fromWIBInput(due);
    onChange({
      body,
      assignment: {
        ...(dueAt ? { dueAt } : {}),
        latePolicy: policy,
        penaltyPercent: policy === 'penalty' ? Number(penalty) || 0 : 0,
        allowText,
        allowFile,
        ...(allowFile ? { fileKinds: kinds, maxSizeMb: Number(size) || 20 } : {}),
        maxScore: Number(max) || 0,
      } as AssignmentInput,
    });
  }, [body, due, policy, penalty, allowText, allowFile, kinds, size, max]);

  return (
    <fieldset class="bank-fieldset">
      <legend>{qt('asf.title')}</legend>
      <Field id={`${fid}-body`} label={qt('asf.instructions')} hint={t('staff.markdownHint')}>
        <textarea id={`${fid}-body`} rows={5} value={body} aria-describedby={`${fid}-body-hint`} onInput={(e) => setBody(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-due`} label={qt('asf.due')} hint={qt('qs.wibHint')}>
        <input id={`${fid}-due`} type={'datetime-local' as 'text'} value={due} aria-describedby={`${fid}-due-hint`} onInput={(e) => setDue(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-policy`} label={qt('as.latePolicy')}>
        <select id={`${fid}-policy`} value={policy} onChange={(e) => setPolicy(e.currentTarget.value as Schemas['AssignmentLatePolicy'])}>
          {(['accept', 'penalty', 'refuse'] as const).map((p) => (
            <option value={p}>{qt(`asf.policy.${p}` as QKey)}</option>
          ))}
        </select>
      </Field>
      {policy === 'penalty' ? (
        <Field id={`${fid}-pen`} label={qt('asf.penalty')}>
          <input id={`${fid}-pen`} type={'number' as 'text'} min={1} max={100} value={penalty} onInput={(e) => setPenalty(e.currentTarget.value)} />
        </Field>
      ) : null}
      <label class="check">
        <input type="checkbox" checked={allowText} onChange={(e) => setAllowText(e.currentTarget.checked)} />
        {qt('asf.allowText')}
      </label>
      <label class="check">
        <input type="checkbox" checked={allowFile} onChange={(e) => setAllowFile(e.currentTarget.checked)} />
        {qt('asf.allowFile')}
      </label>
      {allowFile ? (
        <>
          <fieldset class="bank-fieldset">
            <legend>{qt('asf.kinds')}</legend>
            {fileClasses.map((k) => (
              <label class="check">
                <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
                {tk('kind', k)}
              </label>
            ))}
          </fieldset>
          <Field id={`${fid}-size`} label={qt('asf.size')}>
            <input id={`${fid}-size`} type={'number' as 'text'} min={1} max={100} value={size} onInput={(e) => setSize(e.currentTarget.value)} />
          </Field>
        </>
      ) : null}
      <Field id={`${fid}-max`} label={qt('as.maxScore')}>
        <input id={`${fid}-max`} type={'number' as 'text'} min={1} max={1000} value={max} onInput={(e) => setMax(e.currentTarget.value)} />
      </Field>
    </fieldset>
  );
}
