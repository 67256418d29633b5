// Renderer tests run in jsdom on a 2-core machine that also builds and runs the other projects:
// give findBy*/waitFor room to wait for a render under load. A passing test is not slowed by this;
// only a real failure takes longer to report.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
