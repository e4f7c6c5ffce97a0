import { fingerprintGroups } from './central-model';

/**
 * A key fingerprint laid out in numbered groups, large enough to read to someone on the phone
 * without losing one's place ("grup 5: 9F3A").
 */
export function KeyFingerprint({
  id,
  label,
  value,
  testId,
  big = false,
}: {
  id: string;
  label: string;
  value: string;
  testId: string;
  big?: boolean;
}) {
  const groups = fingerprintGroups(value);
  return (
    <figure
      className={`key-fp${big ? ' key-fp--big' : ''}`}
      id={id}
      aria-labelledby={`${id}-label`}
    >
      <figcaption id={`${id}-label`} className="key-fp__label">
        {label}
      </figcaption>
      <ol className="key-fp__groups mono" data-testid={testId} data-value={value}>
        {groups.map((g, i) => (
          <li key={i}>
            <span className="key-fp__n" aria-hidden="true">
              {i + 1}
            </span>
            {g}
          </li>
        ))}
      </ol>
    </figure>
  );
}
